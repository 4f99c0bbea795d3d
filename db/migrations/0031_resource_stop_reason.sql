CREATE TYPE "public"."resource_stop_reason" AS ENUM('overdue', 'expiry');--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "stopped_reason" "resource_stop_reason";--> statement-breakpoint
CREATE INDEX "resources_stopped_idx" ON "resources" USING btree ("stopped_reason","stopped_at") WHERE "resources"."status" = 'stopped';--> statement-breakpoint
-- Every resource stopped before this column was stopped by the pay-as-you-go overdue lifecycle.
UPDATE "resources" SET "stopped_reason" = 'overdue' WHERE "status" = 'stopped' AND "stopped_reason" IS NULL;
