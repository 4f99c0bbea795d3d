ALTER TYPE "public"."order_type" ADD VALUE 'downgrade';--> statement-breakpoint
ALTER TYPE "public"."order_type" ADD VALUE 'extension';--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "family" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "rank" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "pending_product_id" text;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "pending_quantity" bigint;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "pending_order_no" text;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_pending_product_id_products_id_fk" FOREIGN KEY ("pending_product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;