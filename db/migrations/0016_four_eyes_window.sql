CREATE TABLE "staff_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "staff_approval_kind" NOT NULL,
	"magnitude" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"contract_id" uuid,
	CONSTRAINT "staff_changes_magnitude" CHECK ("staff_changes"."magnitude" >= 0)
);
--> statement-breakpoint
ALTER TABLE "staff_approvals" ADD COLUMN "contract_id" uuid;--> statement-breakpoint
ALTER TABLE "staff_changes" ADD CONSTRAINT "staff_changes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_changes" ADD CONSTRAINT "staff_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_changes" ADD CONSTRAINT "staff_changes_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_changes_window_idx" ON "staff_changes" USING btree ("account_id","user_id","kind","at");--> statement-breakpoint
ALTER TABLE "staff_approvals" ADD CONSTRAINT "staff_approvals_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_approvals_requester_idx" ON "staff_approvals" USING btree ("account_id","requested_by_user_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_approvals_contract" ON "staff_approvals" USING btree ("contract_id");--> statement-breakpoint
-- What one person changed alone is evidence for the four-eyes window: never edited or removed.
CREATE TRIGGER staff_changes_append_only BEFORE UPDATE OR DELETE ON staff_changes
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();--> statement-breakpoint
CREATE TRIGGER staff_changes_no_truncate BEFORE TRUNCATE ON staff_changes
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();--> statement-breakpoint
-- A credit agreement's activation waiting for a second staff-finance member: the request is
-- the countersigner's, and neither the countersigner nor the customer's signer may decide it.
CREATE OR REPLACE FUNCTION staff_approvals_contract_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE c record;
BEGIN
  IF NEW.contract_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT countersigned_by_user_id, signed_by_user_id INTO c FROM contracts WHERE id = NEW.contract_id;
  IF c.countersigned_by_user_id IS DISTINCT FROM NEW.requested_by_user_id THEN
    RAISE EXCEPTION 'a contract activation is requested by its countersigner' USING ERRCODE = '23514';
  END IF;
  IF NEW.decided_by_user_id IS NOT NULL AND NEW.decided_by_user_id = c.signed_by_user_id THEN
    RAISE EXCEPTION 'the customer''s signer cannot decide a contract activation' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER staff_approvals_contract_guard BEFORE INSERT OR UPDATE ON staff_approvals
  FOR EACH ROW EXECUTE FUNCTION staff_approvals_contract_guard();
