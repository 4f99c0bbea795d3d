import type { DbOrTx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { moneyJson } from "@/lib/events/catalogue";
import { type EmitInput, emitEvent, emitEvents, resourceJson } from "@/lib/events/emit";
import type { Resource } from "./activate";

/**
 * The billing events of the catalogue (lib/events), each emitted inside the transaction of
 * its change by the caller; the keys make a retried change write its event once.
 */
type Row = Pick<Resource, "id" | "accountId" | "productId" | "name" | "externalId" | "status" | "termMonths" | "autoRenew" | "expiresAt">;

export const emitActivated = (tx: DbOrTx, r: Row, requestKey: string, at: Date) =>
  emitEvent(tx, { accountId: r.accountId, type: "resource.activated", key: requestKey, occurredAt: at, data: { resource: resourceJson(r), activatedAt: at.toISOString() } });

/** reason: "overdue" (pay-as-you-go, after the protection period) or "expiry" (a subscription that could not renew). */
export const emitStopped = (tx: DbOrTx, r: Row, at: Date, releaseAt: Date, reason: "overdue" | "expiry" = "overdue") =>
  emitEvent(tx, { accountId: r.accountId, type: "resource.stopped", key: `${r.id}:${at.toISOString()}`, occurredAt: at, data: { resource: resourceJson({ ...r, status: "stopped" }), reason, stoppedAt: at.toISOString(), releaseAt: releaseAt.toISOString() } });

/** resource.resumed for every resumed resource of an account, in one statement per chunk however many there are. */
export const emitResumed = (tx: DbOrTx, rows: Row[], at: Date) =>
  emitEvents(
    tx,
    rows.map((r): EmitInput<"resource.resumed"> => ({ accountId: r.accountId, type: "resource.resumed", key: `${r.id}:${at.toISOString()}`, occurredAt: at, data: { resource: resourceJson({ ...r, status: "running" }), resumedAt: at.toISOString() } })),
  );

const RELEASE_REASON = { user: "customer", overdue: "overdue", expired: "expiry" } as const;

export const emitReleased = (tx: DbOrTx, r: Row, reason: keyof typeof RELEASE_REASON, at: Date) =>
  emitEvent(tx, { accountId: r.accountId, type: "resource.released", key: r.id, occurredAt: at, data: { resource: resourceJson(r), reason: RELEASE_REASON[reason], releasedAt: at.toISOString() } });

async function balances(tx: DbOrTx, accountId: string) {
  const b = await getBalances(tx, { accountId });
  return { balance: moneyJson(b.balance), available: moneyJson(b.available) };
}

export const emitOverdue = async (tx: DbOrTx, accountId: string, since: Date) =>
  emitEvent(tx, { accountId, type: "account.overdue", key: since.toISOString(), occurredAt: since, data: { overdueSince: since.toISOString(), ...(await balances(tx, accountId)) } });

export const emitRecovered = async (tx: DbOrTx, accountId: string, since: Date, at: Date, resumed: string[]) =>
  emitEvent(tx, {
    accountId, type: "account.recovered", key: since.toISOString(), occurredAt: at,
    data: { overdueSince: since.toISOString(), recoveredAt: at.toISOString(), resumedResourceIds: resumed, ...(await balances(tx, accountId)) },
  });

const subscription = (r: Row, expiresAt: Date) => ({ resource: resourceJson(r), termMonths: r.termMonths, autoRenew: r.autoRenew, expiresAt: expiresAt.toISOString() });

export const emitRenewed = (tx: DbOrTx, r: Row, previous: Date, next: Date, price: bigint, at: Date) =>
  emitEvent(tx, { accountId: r.accountId, type: "subscription.renewed", key: `${r.id}:${previous.toISOString()}`, occurredAt: at, data: { ...subscription(r, next), previousExpiresAt: previous.toISOString(), price: moneyJson(price) } });

export const emitExpiring = (tx: DbOrTx, r: Row, step: "24h" | "48h" | "7d", renewalPrice: bigint, at: Date) =>
  emitEvent(tx, { accountId: r.accountId, type: "subscription.expiring", key: `${r.id}:${r.expiresAt!.toISOString()}:${step}`, occurredAt: at, data: { ...subscription(r, r.expiresAt!), reminder: step, renewalPrice: moneyJson(renewalPrice) } });

/** At the expiry of a subscription that did not renew; the resource is stopped then (released 72 hours later). */
export const emitExpired = (tx: DbOrTx, r: Row, expiresAt: Date) =>
  emitEvent(tx, { accountId: r.accountId, type: "subscription.expired", key: `${r.id}:${expiresAt.toISOString()}`, occurredAt: expiresAt, data: subscription(r, expiresAt) });
