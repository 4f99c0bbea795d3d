ALTER TABLE "accounts" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "request_key" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "request_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_external_id_key" ON "accounts" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_request_key_key" ON "accounts" USING btree ("request_key");