CREATE TABLE "daily_costs" (
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"product_id" text NOT NULL,
	"resource_id" uuid,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"gross" bigint DEFAULT 0 NOT NULL,
	"discount" bigint DEFAULT 0 NOT NULL,
	"voucher_paid" bigint DEFAULT 0 NOT NULL,
	"cash_paid" bigint DEFAULT 0 NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_costs_key" UNIQUE NULLS NOT DISTINCT("account_id","day","product_id","resource_id","tags"),
	CONSTRAINT "daily_costs_sum" CHECK ("daily_costs"."gross" = "daily_costs"."discount" + "daily_costs"."voucher_paid" + "daily_costs"."cash_paid")
);
--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "tags" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tags" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "tags" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "daily_costs" ADD CONSTRAINT "daily_costs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The history so far, in the platform time zone the migrator sets for the session (db/migrate.ts; UTC when unset).
INSERT INTO "daily_costs" ("account_id", "day", "product_id", "resource_id", "tags", "gross", "discount", "voucher_paid", "cash_paid", "items")
SELECT account_id, day, product_id, resource_id, '{}'::jsonb, sum(gross), sum(discount), sum(voucher_paid), sum(cash_paid), count(*)::int
FROM (
  SELECT account_id, (created_at AT TIME ZONE coalesce(nullif(current_setting('billing.platform_time_zone', true), ''), 'UTC'))::date AS day, product_id, resource_id, gross, discount, voucher_paid, cash_part AS cash_paid FROM "charges"
  UNION ALL
  SELECT account_id, (created_at AT TIME ZONE coalesce(nullif(current_setting('billing.platform_time_zone', true), ''), 'UTC'))::date, product_id, resource_id, gross, discount, 0, net FROM "orders" WHERE type IN ('subscription', 'renewal')
) s
GROUP BY account_id, day, product_id, resource_id;
