CREATE TABLE "monthly_spend" (
	"account_id" uuid NOT NULL,
	"month" date NOT NULL,
	"gross" bigint DEFAULT 0 NOT NULL,
	"discount" bigint DEFAULT 0 NOT NULL,
	"voucher_paid" bigint DEFAULT 0 NOT NULL,
	"cash_paid" bigint DEFAULT 0 NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "monthly_spend_account_id_month_pk" PRIMARY KEY("account_id","month"),
	CONSTRAINT "monthly_spend_sum" CHECK ("monthly_spend"."gross" = "monthly_spend"."discount" + "monthly_spend"."voucher_paid" + "monthly_spend"."cash_paid")
);
--> statement-breakpoint
ALTER TABLE "monthly_spend" ADD CONSTRAINT "monthly_spend_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;