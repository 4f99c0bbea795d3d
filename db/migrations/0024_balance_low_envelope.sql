-- balance.low events that 0021 moved from the alert outbox (webhook_outbox) still carry the alert
-- webhook's old body, not the event envelope of lib/events/catalogue.ts: a receiver parsing by the
-- catalogue would fail on them. Each gets the envelope emitEvent writes (lib/events/emit.ts): id,
-- type, apiVersion, createdAt, accountId and balance.low's data at version 1, with the old
-- top-level fields kept as every balance.low carries them. Its event id (the receiver's dedup
-- key), seq (its place in the account's order) and pending deliveries stay as they are; the
-- deliveries store no body, each attempt signs the event's body afresh. A row is one 0021 moved
-- only while its body is still the outbox row's, byte for byte; webhook_outbox keeps the old
-- body as the history of what it sent. maxReminders is lib/alerts/reminders.ts MAX_REMINDERS.
UPDATE "billing_events" e SET "body" = json_build_object(
  'id', e."event_id",
  'type', 'balance.low',
  'apiVersion', 1,
  'createdAt', to_char(e."occurred_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'accountId', e."account_id",
  'data', json_build_object(
    'available', json_build_object('amount', (m."available" / 1000000.0)::numeric(30, 6)::text, 'micros', m."available"::text, 'currency', 'USD'),
    'threshold', json_build_object('amount', (m."threshold" / 1000000.0)::numeric(30, 6)::text, 'micros', m."threshold"::text, 'currency', 'USD'),
    'reminder', m."reminder",
    'maxReminders', 7
  ),
  'created', (m."old"->>'created')::bigint,
  'account_id', e."account_id",
  'available', m."old"->>'available',
  'threshold', m."old"->>'threshold',
  'currency', 'USD',
  'reminder', m."reminder"
)::text
FROM (
  SELECT o."event_id", o."body", o."body"::jsonb AS "old",
    round((o."body"::jsonb->>'available')::numeric * 1000000)::bigint AS "available",
    round((o."body"::jsonb->>'threshold')::numeric * 1000000)::bigint AS "threshold",
    (o."body"::jsonb->>'reminder')::int AS "reminder"
  FROM "webhook_outbox" o
  WHERE o."type" = 'balance.low'
) m
WHERE e."event_id" = m."event_id" AND e."type" = 'balance.low' AND e."body" = m."body";
