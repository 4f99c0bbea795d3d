CREATE TYPE "public"."contract_kind" AS ENUM('service_agreement', 'order_form', 'credit_agreement');--> statement-breakpoint
CREATE TYPE "public"."contract_status" AS ENUM('draft', 'submitted', 'returned', 'countersigned', 'signed', 'active', 'expired', 'terminated', 'withdrawn');--> statement-breakpoint
CREATE TABLE "contract_documents" (
	"contract_id" uuid PRIMARY KEY NOT NULL,
	"locale" "locale" NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"from_status" "contract_status",
	"to_status" "contract_status" NOT NULL,
	"actor_user_id" uuid,
	"actor_kind" text NOT NULL,
	"actor_name" text,
	"comment" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"number" text GENERATED ALWAYS AS ('CT' || lpad(seq::text, 6, '0')) STORED NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" "contract_kind" NOT NULL,
	"template_version" integer NOT NULL,
	"locale" "locale" NOT NULL,
	"status" "contract_status" DEFAULT 'draft' NOT NULL,
	"terms" jsonb NOT NULL,
	"party" jsonb NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"return_comment" text,
	"countersigned_at" timestamp with time zone,
	"countersigned_by_user_id" uuid,
	"countersigner_name" text,
	"countersigner_title" text,
	"signed_at" timestamp with time zone,
	"signed_by_user_id" uuid,
	"signer_name" text,
	"signer_title" text,
	"signer_ip" text,
	"signer_consent" boolean DEFAULT false NOT NULL,
	"activated_at" timestamp with time zone,
	"previous_credit_limit" text,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	CONSTRAINT "contracts_countersigned" CHECK ("contracts"."status" in ('draft','submitted','returned','withdrawn') or ("contracts"."countersigned_at" is not null and "contracts"."countersigner_name" is not null)),
	CONSTRAINT "contracts_signed" CHECK ("contracts"."status" not in ('signed','active','expired','terminated') or ("contracts"."signed_at" is not null and "contracts"."signed_by_user_id" is not null and "contracts"."signer_name" is not null and "contracts"."signer_title" is not null and "contracts"."signer_consent"))
);
--> statement-breakpoint
ALTER TABLE "contract_documents" ADD CONSTRAINT "contract_documents_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_events" ADD CONSTRAINT "contract_events_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_events_contract_idx" ON "contract_events" USING btree ("contract_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_seq" ON "contracts" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_number" ON "contracts" USING btree ("number");--> statement-breakpoint
CREATE INDEX "contracts_account_idx" ON "contracts" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "contracts_status_idx" ON "contracts" USING btree ("status");--> statement-breakpoint
-- The contract state machine, enforced where no code path can go around it: only these
-- status changes are possible, a contract's content is frozen once it leaves draft, and
-- nothing is ever deleted (a draft is withdrawn, a contract ends).
CREATE OR REPLACE FUNCTION contracts_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'contracts are never deleted' USING ERRCODE = '55000';
  END IF;
  IF OLD.status = NEW.status THEN
    IF OLD.status NOT IN ('draft', 'returned') THEN
      RAISE EXCEPTION 'contract % is % and cannot be changed', OLD.id, OLD.status USING ERRCODE = '55000';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT ((OLD.status, NEW.status) IN (
    ('draft', 'submitted'), ('draft', 'withdrawn'),
    ('returned', 'submitted'), ('returned', 'withdrawn'),
    ('submitted', 'countersigned'), ('submitted', 'returned'),
    ('countersigned', 'signed'),
    ('signed', 'active'), ('signed', 'terminated'),
    ('active', 'expired'), ('active', 'terminated')
  )) THEN
    RAISE EXCEPTION 'contract % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = '55000';
  END IF;
  IF (NEW.kind, NEW.template_version, NEW.locale, NEW.terms, NEW.account_id, NEW.created_by_user_id) IS DISTINCT FROM
     (OLD.kind, OLD.template_version, OLD.locale, OLD.terms, OLD.account_id, OLD.created_by_user_id) THEN
    RAISE EXCEPTION 'contract % content changes only while it is a draft', OLD.id USING ERRCODE = '55000';
  END IF;
  IF OLD.status NOT IN ('draft', 'returned') AND NEW.party IS DISTINCT FROM OLD.party THEN
    RAISE EXCEPTION 'contract % parties are frozen once submitted', OLD.id USING ERRCODE = '55000';
  END IF;
  IF OLD.countersigned_at IS NOT NULL AND (NEW.countersigned_at, NEW.countersigned_by_user_id, NEW.countersigner_name, NEW.countersigner_title) IS DISTINCT FROM
     (OLD.countersigned_at, OLD.countersigned_by_user_id, OLD.countersigner_name, OLD.countersigner_title) THEN
    RAISE EXCEPTION 'contract % countersignature cannot change', OLD.id USING ERRCODE = '55000';
  END IF;
  IF OLD.signed_at IS NOT NULL AND (NEW.signed_at, NEW.signed_by_user_id, NEW.signer_name, NEW.signer_title, NEW.signer_ip, NEW.signer_consent) IS DISTINCT FROM
     (OLD.signed_at, OLD.signed_by_user_id, OLD.signer_name, OLD.signer_title, OLD.signer_ip, OLD.signer_consent) THEN
    RAISE EXCEPTION 'contract % signature cannot change', OLD.id USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER contracts_transition BEFORE UPDATE OR DELETE ON contracts
  FOR EACH ROW EXECUTE FUNCTION contracts_transition();--> statement-breakpoint
CREATE TRIGGER contracts_no_truncate BEFORE TRUNCATE ON contracts
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();--> statement-breakpoint
CREATE TRIGGER contract_events_append_only BEFORE UPDATE OR DELETE ON contract_events
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();--> statement-breakpoint
CREATE TRIGGER contract_events_no_truncate BEFORE TRUNCATE ON contract_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();--> statement-breakpoint
CREATE TRIGGER contract_documents_immutable BEFORE UPDATE OR DELETE ON contract_documents
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();--> statement-breakpoint
CREATE TRIGGER contract_documents_no_truncate BEFORE TRUNCATE ON contract_documents
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
