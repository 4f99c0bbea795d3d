CREATE TABLE "voucher_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"count" integer NOT NULL,
	"face_value" bigint NOT NULL,
	"product_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"codes_sealed" text,
	"downloaded_at" timestamp with time zone,
	"downloaded_by_user_id" uuid,
	CONSTRAINT "voucher_batches_count" CHECK ("voucher_batches"."count" between 1 and 10000),
	CONSTRAINT "voucher_batches_face_value" CHECK ("voucher_batches"."face_value" > 0),
	CONSTRAINT "voucher_batches_validity" CHECK ("voucher_batches"."valid_until" > "voucher_batches"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "code_hint" text;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "redeemed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "redeemed_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "revoked_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_batch_id_voucher_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."voucher_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vouchers_batch_idx" ON "vouchers" USING btree ("batch_id");