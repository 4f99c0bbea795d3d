import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contracts } from "@/db/schema";
import { pgArray } from "@/db/sql-arrays";

/**
 * The billing side of an order form (docs/contracts.md): its discount on the products it
 * lists and its committed monthly spend, over the time it is in force. Contract dates are
 * UTC calendar days; the end date is the last day in force.
 */
export interface OrderFormTerms {
  contractId: string;
  number: string;
  accountId: string;
  discountBps: number;
  /** Micro-dollars per month; 0 when none was agreed. */
  committedMonthlySpend: bigint;
  /** The products the discount covers; empty covers every product. */
  productIds: string[];
  /** In force over [from, until). */
  from: Date;
  until: Date;
}

const DAY = 86_400_000;
// Signed is in force too once its start date has come: the contracts job makes it active within the hour, the billing run may come first.
const IN_FORCE_STATUSES = ["signed", "active", "expired", "terminated"] as const;

type Row = Pick<typeof contracts.$inferSelect, "id" | "number" | "accountId" | "terms" | "signedAt" | "endedAt">;

/**
 * In force from its start date (or its signature, if signed later: a discount never
 * reaches back before the customer agreed) to the end of its end date, or to its
 * termination if that came first.
 */
export function termsOf(c: Row): OrderFormTerms {
  const startsAt = Date.parse(`${c.terms.startsOn}T00:00:00Z`);
  const endsAt = Date.parse(`${c.terms.endsOn}T00:00:00Z`) + DAY;
  const from = Math.max(startsAt, c.signedAt?.getTime() ?? endsAt);
  const until = Math.min(endsAt, c.endedAt?.getTime() ?? endsAt);
  // Micro-dollars as a decimal string (flow.ts writes it from parseMoney); anything else commits nothing.
  const spend = c.terms.committedMonthlySpend ?? "";
  return {
    contractId: c.id,
    number: c.number,
    accountId: c.accountId,
    discountBps: Math.min(10_000, Math.max(0, Math.trunc(c.terms.discountBps ?? 0))),
    committedMonthlySpend: /^\d{1,18}$/.test(spend) ? BigInt(spend) : 0n,
    productIds: (c.terms.items ?? []).map((i) => i.productId),
    from: new Date(from),
    until: new Date(Math.max(from, until)),
  };
}

export const inForceAt = (f: OrderFormTerms, at: Date): boolean => f.from <= at && at < f.until;

export const covers = (f: OrderFormTerms, productId: string): boolean => f.productIds.length === 0 || f.productIds.includes(productId);

/** The best order-form rate for a product charged at `at` (several forms never stack either). */
export function orderFormRate(forms: readonly OrderFormTerms[], accountId: string, productId: string, at: Date): number {
  let best = 0;
  for (const f of forms) if (f.accountId === accountId && f.discountBps > best && inForceAt(f, at) && covers(f, productId)) best = f.discountBps;
  return best;
}

/**
 * The order forms of these accounts that may be in force at some moment of [from, until):
 * one statement for a whole batch of accounts (one array parameter), so the billing run
 * reads them once per batch, not once per charge.
 */
export async function loadOrderForms(db: DbOrTx, accountIds: readonly string[], window: { from: Date; until: Date }): Promise<OrderFormTerms[]> {
  if (accountIds.length === 0) return [];
  const found = await db
    .select({ id: contracts.id, number: contracts.number, accountId: contracts.accountId, terms: contracts.terms, signedAt: contracts.signedAt, endedAt: contracts.endedAt })
    .from(contracts)
    .where(
      and(
        sql`${contracts.accountId} = any(${pgArray(accountIds, "uuid")})`,
        eq(contracts.kind, "order_form"),
        inArray(contracts.status, [...IN_FORCE_STATUSES]),
        lte(sql`${contracts.terms}->>'startsOn'`, window.until.toISOString().slice(0, 10)),
        gte(sql`${contracts.terms}->>'endsOn'`, new Date(window.from.getTime() - DAY).toISOString().slice(0, 10)),
      ),
    );
  return found.map(termsOf).filter((f) => f.from < window.until && window.from < f.until);
}

/** The order-form rate for one purchase or renewal at `at`. */
export async function orderFormRateAt(db: DbOrTx, accountId: string, productId: string, at: Date): Promise<number> {
  return orderFormRate(await loadOrderForms(db, [accountId], { from: at, until: new Date(at.getTime() + 1) }), accountId, productId, at);
}
