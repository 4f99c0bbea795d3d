import { z } from "zod";
import { paymentMethodKindEnum, paymentProviderEnum, paymentPurposeEnum } from "@/db/schema";
import { EVENT_TYPES, type EventType } from "./types";

/**
 * The event catalogue: the `data` of each event type at its current version, and the envelope
 * around it (docs/platform.md). These schemas are the contract with receivers: emitEvent
 * validates against them before writing, and the OpenAPI `webhooks` section is generated from
 * them (z.toJSONSchema). A change a receiver could trip on is a new version, not an edit.
 */

const Id = z.string().min(1);
const Uuid = z.uuid();
const Time = z.iso.datetime({ offset: true });
/** Money as the API answers it (lib/api/handler.ts `money()`): exact decimal dollars and integer micro-dollars, never a float. */
export const MoneySchema = z.strictObject({
  amount: z.string().regex(/^-?\d+\.\d{6}$/),
  micros: z.string().regex(/^-?\d+$/),
  currency: z.literal("USD"),
});
export type MoneyJson = z.infer<typeof MoneySchema>;

/** The same shape as the API's money(): the domain may not import lib/api. */
export function moneyJson(micros: bigint): MoneyJson {
  const neg = micros < 0n;
  const abs = neg ? -micros : micros;
  return { amount: `${neg ? "-" : ""}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")}`, micros: micros.toString(), currency: "USD" };
}

export const ResourceSchema = z.strictObject({
  id: Uuid,
  accountId: Uuid,
  productId: Id,
  name: z.string(),
  externalId: z.string().nullable(),
  status: z.enum(["pending", "running", "stopped", "released", "expired"]),
});
export type ResourceJson = z.infer<typeof ResourceSchema>;

const Balances = z.strictObject({ balance: MoneySchema, available: MoneySchema });
const Payment = { id: Uuid, amount: MoneySchema, purpose: z.enum(paymentPurposeEnum.enumValues), provider: z.enum(paymentProviderEnum.enumValues), methodKind: z.enum(paymentMethodKindEnum.enumValues).nullable() };
const Subscription = z.strictObject({ resource: ResourceSchema, termMonths: z.number().int().positive().nullable(), autoRenew: z.boolean(), expiresAt: Time });

/** What a budget covers: everything, one product, or one tag value as charged. */
const BudgetScopeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("all") }),
  z.strictObject({ kind: z.literal("product"), productId: Id }),
  z.strictObject({ kind: z.literal("tag"), key: z.string().min(1), value: z.string() }),
]);

export const EVENT_DATA = {
  "resource.activated": z.strictObject({ resource: ResourceSchema, activatedAt: Time }),
  "resource.stopped": z.strictObject({ resource: ResourceSchema, reason: z.enum(["overdue", "expiry"]), stoppedAt: Time, releaseAt: Time }),
  "resource.resumed": z.strictObject({ resource: ResourceSchema, resumedAt: Time }),
  "resource.released": z.strictObject({ resource: ResourceSchema, reason: z.enum(["customer", "overdue", "expiry"]), releasedAt: Time }),
  "account.overdue": z.strictObject({ overdueSince: Time, ...Balances.shape }),
  "account.recovered": z.strictObject({ overdueSince: Time, recoveredAt: Time, resumedResourceIds: z.array(Uuid), ...Balances.shape }),
  "subscription.renewed": z.strictObject({ ...Subscription.shape, previousExpiresAt: Time, price: MoneySchema }),
  "subscription.expiring": z.strictObject({ ...Subscription.shape, reminder: z.enum(["24h", "48h", "7d"]), renewalPrice: MoneySchema }),
  "subscription.expired": z.strictObject({ ...Subscription.shape }),
  "invoice.issued": z.strictObject({
    invoice: z.strictObject({
      id: Uuid,
      number: z.string(),
      period: z.string().regex(/^\d{4}-\d{2}$/),
      periodStart: Time,
      periodEnd: Time,
      issuedAt: Time,
      dueAt: Time,
      total: MoneySchema,
      paidFromBalance: MoneySchema,
      amountDue: MoneySchema,
    }),
  }),
  "credit_note.issued": z.strictObject({
    creditNote: z.strictObject({
      id: Uuid,
      number: z.string(),
      invoiceId: Uuid,
      invoiceNumber: z.string(),
      kind: z.enum(["refund", "adjustment", "correction"]),
      reason: z.string(),
      issuedAt: Time,
      net: MoneySchema,
      tax: MoneySchema,
      total: MoneySchema,
    }),
  }),
  "payment.succeeded": z.strictObject({ payment: z.strictObject({ ...Payment, settledAt: Time }) }),
  "payment.failed": z.strictObject({ payment: z.strictObject({ ...Payment, failureReason: z.string() }) }),
  "balance.low": z.strictObject({ available: MoneySchema, threshold: MoneySchema, reminder: z.number().int().positive(), maxReminders: z.number().int().positive() }),
  "budget.threshold_crossed": z.strictObject({
    budget: z.strictObject({ id: Uuid, name: z.string(), amount: MoneySchema, basis: z.literal("net"), scope: BudgetScopeSchema }),
    threshold: z.strictObject({ percent: z.number().int().min(1).max(1000), kind: z.enum(["actual", "forecast"]) }),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    /** The figure the threshold watches (spend for actual, forecast for forecast), when the crossing was seen. */
    amount: MoneySchema,
    spend: MoneySchema,
    forecast: MoneySchema,
  }),
} satisfies Record<EventType, z.ZodType>;

export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA)[T]>;

/** The version each type is written at today. */
// resource.stopped 2: reason may be "expiry" (a subscription that could not renew), a new enum value.
const VERSIONS: Partial<Record<EventType, number>> = { "resource.stopped": 2 };
export const EVENT_VERSION: Record<EventType, number> = Object.fromEntries(EVENT_TYPES.map((t) => [t, VERSIONS[t] ?? 1])) as Record<EventType, number>;

/**
 * balance.low keeps the fields the alert webhook sent before the catalogue existed at the top
 * level of its envelope, so a customer's receiver written for them keeps working.
 */
export const LegacyBalanceLowSchema = z.strictObject({
  created: z.number().int(),
  account_id: Uuid,
  available: z.string(),
  threshold: z.string(),
  currency: z.literal("USD"),
  reminder: z.number().int(),
});

/**
 * An event's id, the receiver's dedup key: `evt_` and 32 hex digits. balance.low events that
 * were queued by the alert webhook before the catalogue (moved by migration 0021) keep the id
 * they were first sent with, which ends in `_<reminder>`, so a receiver still dedupes them.
 */
export const EventIdSchema = z.string().regex(/^evt_[0-9a-f]{32}(_[0-9]+)?$/);

/** The envelope of an event of type `type`: what the receiver gets as the request body. */
export function envelopeSchema<T extends EventType>(type: T) {
  const base = z.strictObject({ id: EventIdSchema, type: z.literal(type), apiVersion: z.literal(EVENT_VERSION[type]), createdAt: Time, accountId: Uuid, data: EVENT_DATA[type] });
  return type === "balance.low" ? base.extend(LegacyBalanceLowSchema.shape) : base;
}

/** Every envelope as JSON Schema, by type: for the OpenAPI `webhooks` section. */
export function eventJsonSchemas(): Record<EventType, unknown> {
  return Object.fromEntries(EVENT_TYPES.map((t) => [t, z.toJSONSchema(envelopeSchema(t), { unrepresentable: "any" })])) as Record<EventType, unknown>;
}
