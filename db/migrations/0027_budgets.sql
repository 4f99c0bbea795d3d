CREATE TYPE "public"."budget_scope" AS ENUM('all', 'product', 'tag');--> statement-breakpoint
CREATE TYPE "public"."budget_threshold_kind" AS ENUM('actual', 'forecast');--> statement-breakpoint
CREATE TABLE "budget_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"budget_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"percent" integer NOT NULL,
	"kind" "budget_threshold_kind" NOT NULL,
	"month" text NOT NULL,
	"budget_amount" bigint NOT NULL,
	"spend" bigint NOT NULL,
	"forecast" bigint NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "budget_notifications_once" UNIQUE("budget_id","percent","kind","month")
);
--> statement-breakpoint
CREATE TABLE "budget_thresholds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"budget_id" uuid NOT NULL,
	"percent" integer NOT NULL,
	"kind" "budget_threshold_kind" NOT NULL,
	CONSTRAINT "budget_thresholds_key" UNIQUE("budget_id","percent","kind"),
	CONSTRAINT "budget_thresholds_percent" CHECK ("budget_thresholds"."percent" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"amount" bigint NOT NULL,
	"scope" "budget_scope" NOT NULL,
	"product_id" text,
	"tag_key" text,
	"tag_value" text,
	"basis" text DEFAULT 'net' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "budgets_amount_positive" CHECK ("budgets"."amount" > 0),
	CONSTRAINT "budgets_basis" CHECK ("budgets"."basis" = 'net'),
	CONSTRAINT "budgets_name" CHECK (length("budgets"."name") between 1 and 80),
	CONSTRAINT "budgets_scope_fields" CHECK (("budgets"."scope" = 'all' and "budgets"."product_id" is null and "budgets"."tag_key" is null and "budgets"."tag_value" is null)
        or ("budgets"."scope" = 'product' and "budgets"."product_id" is not null and "budgets"."tag_key" is null and "budgets"."tag_value" is null)
        or ("budgets"."scope" = 'tag' and "budgets"."product_id" is null and "budgets"."tag_key" is not null and "budgets"."tag_value" is not null))
);
--> statement-breakpoint
ALTER TABLE "budget_notifications" ADD CONSTRAINT "budget_notifications_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_notifications" ADD CONSTRAINT "budget_notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_thresholds" ADD CONSTRAINT "budget_thresholds_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_notifications_account_idx" ON "budget_notifications" USING btree ("account_id","sent_at");--> statement-breakpoint
CREATE INDEX "budgets_account_idx" ON "budgets" USING btree ("account_id","created_at") WHERE "budgets"."deleted_at" is null;