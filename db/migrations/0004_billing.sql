CREATE TYPE "public"."billing_mode" AS ENUM('payg_hourly', 'payg_daily', 'subscription');--> statement-breakpoint
CREATE TYPE "public"."job_run_status" AS ENUM('running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."order_type" AS ENUM('activation', 'renewal', 'upgrade', 'release', 'subscription');--> statement-breakpoint
CREATE TYPE "public"."resource_status" AS ENUM('pending', 'running', 'stopped', 'released', 'expired');--> statement-breakpoint
CREATE TYPE "public"."payment_method_kind" AS ENUM('card', 'paypal', 'alipay', 'bank_transfer');--> statement-breakpoint
CREATE TYPE "public"."payment_provider" AS ENUM('test', 'stripe');--> statement-breakpoint
CREATE TYPE "public"."payment_purpose" AS ENUM('overrun', 'top_up', 'auto_recharge', 'invoice');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('pending', 'succeeded', 'failed', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."voucher_status" AS ENUM('active', 'expired', 'used_up', 'revoked');--> statement-breakpoint
CREATE SEQUENCE "public"."order_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100001 CACHE 1;--> statement-breakpoint
CREATE TABLE "account_billing_state" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"accrued" bigint DEFAULT 0 NOT NULL,
	"overdue_since" timestamp with time zone,
	"overdue_steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_billing_state_accrued" CHECK ("account_billing_state"."accrued" >= 0 and "account_billing_state"."accrued" < 10000)
);
--> statement-breakpoint
CREATE TABLE "account_discounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"product_id" text,
	"rate_bps" integer NOT NULL,
	"reason" text NOT NULL,
	"set_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_discounts_scope" UNIQUE NULLS NOT DISTINCT("account_id","product_id"),
	CONSTRAINT "account_discounts_rate" CHECK ("account_discounts"."rate_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "charges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"product_id" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"quantity" bigint NOT NULL,
	"unit_price" bigint NOT NULL,
	"gross" bigint NOT NULL,
	"discount" bigint NOT NULL,
	"voucher_paid" bigint NOT NULL,
	"cash_part" bigint NOT NULL,
	"posting_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charges_resource_period" UNIQUE("resource_id","period_start"),
	CONSTRAINT "charges_amounts" CHECK ("charges"."gross" >= 0 and "charges"."discount" >= 0 and "charges"."voucher_paid" >= 0 and "charges"."cash_part" >= 0 and "charges"."gross" - "charges"."discount" = "charges"."voucher_paid" + "charges"."cash_part")
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job" text NOT NULL,
	"period_key" text NOT NULL,
	"status" "job_run_status" DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_no" text DEFAULT 'ORD' || lpad(nextval('order_no_seq')::text, 10, '0') NOT NULL,
	"account_id" uuid NOT NULL,
	"type" "order_type" NOT NULL,
	"resource_id" uuid,
	"product_id" text NOT NULL,
	"quantity" bigint NOT NULL,
	"term_months" integer,
	"gross" bigint NOT NULL,
	"discount" bigint DEFAULT 0 NOT NULL,
	"net" bigint NOT NULL,
	"request_key" text NOT NULL,
	"created_by_user_id" uuid,
	"actor_kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_amounts" CHECK ("orders"."gross" >= 0 and "orders"."discount" >= 0 and "orders"."net" = "orders"."gross" - "orders"."discount")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"category" text NOT NULL,
	"region" text NOT NULL,
	"data_center" text NOT NULL,
	"billing_mode" "billing_mode" NOT NULL,
	"unit_price" bigint NOT NULL,
	"unit_label" text NOT NULL,
	"metered" boolean DEFAULT false NOT NULL,
	"protection_hours" integer DEFAULT 24 NOT NULL,
	"term_discount_1_bps" integer DEFAULT 0 NOT NULL,
	"term_discount_3_bps" integer DEFAULT 0 NOT NULL,
	"term_discount_6_bps" integer DEFAULT 0 NOT NULL,
	"term_discount_12_bps" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "products_unit_price" CHECK ("products"."unit_price" > 0),
	CONSTRAINT "products_term_discounts" CHECK ("products"."term_discount_1_bps" between 0 and 10000 and "products"."term_discount_3_bps" between 0 and 10000 and "products"."term_discount_6_bps" between 0 and 10000 and "products"."term_discount_12_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"code" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"discount_bps" integer NOT NULL,
	"product_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "promotions_rate" CHECK ("promotions"."discount_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"product_id" text NOT NULL,
	"name" text NOT NULL,
	"quantity" bigint NOT NULL,
	"status" "resource_status" DEFAULT 'pending' NOT NULL,
	"billing_mode" "billing_mode" NOT NULL,
	"unit_price" bigint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"billed_until" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"hold_id" uuid,
	"order_no" text,
	"created_by_user_id" uuid,
	"term_months" integer,
	"expires_at" timestamp with time zone,
	"auto_renew" boolean DEFAULT false NOT NULL,
	"promotion_code" text,
	"external_id" text,
	"request_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_quantity" CHECK ("resources"."quantity" > 0),
	CONSTRAINT "resources_subscription" CHECK (("resources"."billing_mode" = 'subscription') = ("resources"."term_months" is not null and "resources"."expires_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"quantity" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"charged_period_start" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_events_quantity" CHECK ("usage_events"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_methods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"kind" "payment_method_kind" NOT NULL,
	"label" text NOT NULL,
	"brand" text,
	"last4" text,
	"provider_token" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"method_id" uuid,
	"provider" "payment_provider" NOT NULL,
	"amount" bigint NOT NULL,
	"purpose" "payment_purpose" NOT NULL,
	"status" "payment_status" DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"provider_payment_id" text,
	"error" text,
	"ledger_transaction_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "payments_amount" CHECK ("payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code_hash" text NOT NULL,
	"account_id" uuid,
	"face_value" bigint NOT NULL,
	"product_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"status" "voucher_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expired_at" timestamp with time zone,
	CONSTRAINT "vouchers_face_value" CHECK ("vouchers"."face_value" > 0),
	CONSTRAINT "vouchers_validity" CHECK ("vouchers"."valid_until" > "vouchers"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "account_billing_state" ADD CONSTRAINT "account_billing_state_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_discounts" ADD CONSTRAINT "account_discounts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_discounts" ADD CONSTRAINT "account_discounts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_method_id_payment_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."payment_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_account_idx" ON "api_keys" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "charges_account_idx" ON "charges" USING btree ("account_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_period" ON "job_runs" USING btree ("job","period_key");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_order_no" ON "orders" USING btree ("order_no");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_request_key" ON "orders" USING btree ("account_id","request_key");--> statement-breakpoint
CREATE INDEX "orders_account_idx" ON "orders" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "resources_request_key" ON "resources" USING btree ("account_id","request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "resources_external_id" ON "resources" USING btree ("account_id","external_id") WHERE "resources"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "resources_account_idx" ON "resources" USING btree ("account_id","status");--> statement-breakpoint
CREATE INDEX "resources_due_idx" ON "resources" USING btree ("status","billed_until");--> statement-breakpoint
CREATE INDEX "resources_expiry_idx" ON "resources" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_events_event" ON "usage_events" USING btree ("account_id","event_id");--> statement-breakpoint
CREATE INDEX "usage_events_resource_idx" ON "usage_events" USING btree ("resource_id","occurred_at");--> statement-breakpoint
CREATE INDEX "payment_methods_account_idx" ON "payment_methods" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_methods_one_default" ON "payment_methods" USING btree ("account_id") WHERE "payment_methods"."is_default" and "payment_methods"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_idempotency_key" ON "payments" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "payments_account_idx" ON "payments" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_provider_idx" ON "payments" USING btree ("provider","provider_payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_code_hash" ON "vouchers" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "vouchers_account_idx" ON "vouchers" USING btree ("account_id","status","valid_until");