ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'tax_payable';--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_totals";--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "seller" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "tax_rate_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "tax" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "tax_rule" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_totals" CHECK ("invoices"."total" = "invoices"."net" + "invoices"."rounding" + "invoices"."tax" and "invoices"."tax" >= 0 and "invoices"."amount_due" >= 0 and "invoices"."amount_due" + "invoices"."paid_from_balance" = "invoices"."total");