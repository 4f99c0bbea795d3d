CREATE TYPE "public"."staff_approval_kind" AS ENUM('credit_limit', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."staff_approval_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "staff_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "staff_approval_kind" NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"before" bigint,
	"reason" text NOT NULL,
	"status" "staff_approval_status" DEFAULT 'pending' NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"result" jsonb,
	CONSTRAINT "staff_approvals_second_person" CHECK ("staff_approvals"."decided_by_user_id" is null or "staff_approvals"."decided_by_user_id" <> "staff_approvals"."requested_by_user_id"),
	CONSTRAINT "staff_approvals_decided" CHECK (("staff_approvals"."status" = 'pending') = ("staff_approvals"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "staff_approvals" ADD CONSTRAINT "staff_approvals_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_approvals" ADD CONSTRAINT "staff_approvals_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_approvals" ADD CONSTRAINT "staff_approvals_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_approvals_status_idx" ON "staff_approvals" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "staff_approvals_account_idx" ON "staff_approvals" USING btree ("account_id","requested_at");