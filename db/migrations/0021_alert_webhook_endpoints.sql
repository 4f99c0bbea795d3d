-- Customers' alert webhooks are delivered by the event machinery (lib/events, webhook_endpoints):
-- each account with a webhook URL gets its own endpoint row, subscribed to balance.low, with its secret.
INSERT INTO "webhook_endpoints" ("account_id", "url", "description", "event_types", "secret", "created_by_user_id")
SELECT "account_id", "webhook_url", 'alert webhook', ARRAY['balance.low'], "webhook_secret", "updated_by_user_id"
FROM "alert_settings"
WHERE "webhook_url" IS NOT NULL AND "webhook_secret" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Events still waiting in the old outbox move to the new one with their ids and bodies (as signed
-- before), so nothing queued is lost; webhook_outbox stays as the history of what it delivered.
INSERT INTO "billing_events" ("event_id", "account_id", "type", "version", "body", "occurred_at", "created_at")
SELECT "event_id", "account_id", "type", 1, "body", "created_at", "created_at"
FROM "webhook_outbox" WHERE "status" = 'pending'
ORDER BY "created_at"
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "webhook_deliveries" ("endpoint_id", "event_seq", "account_id", "attempts", "next_attempt_at", "retry_until", "last_status_code", "last_error", "created_at")
SELECT w."id", e."seq", o."account_id", o."attempts", o."next_attempt_at", o."created_at" + interval '3 days', o."last_status_code", o."last_error", o."created_at"
FROM "webhook_outbox" o
JOIN "billing_events" e ON e."event_id" = o."event_id"
JOIN "webhook_endpoints" w ON w."account_id" = o."account_id" AND w."disabled_at" IS NULL
WHERE o."status" = 'pending'
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "webhook_outbox" SET "status" = 'cancelled', "last_error" = 'moved to webhook_deliveries' WHERE "status" = 'pending';
