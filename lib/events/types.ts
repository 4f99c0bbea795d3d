/**
 * The event catalogue's names (docs/platform.md). Each type has a versioned payload schema in
 * ./catalogue.ts; endpoints subscribe to a subset of these.
 */
export const EVENT_TYPES = [
  "resource.activated",
  "resource.stopped",
  "resource.resumed",
  "resource.released",
  "account.overdue",
  "account.recovered",
  "subscription.renewed",
  "subscription.expiring",
  "subscription.expired",
  "invoice.issued",
  "credit_note.issued",
  "payment.succeeded",
  "payment.failed",
  "balance.low",
  "budget.threshold_crossed",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const isEventType = (v: string): v is EventType => (EVENT_TYPES as readonly string[]).includes(v);
