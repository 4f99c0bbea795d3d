import { simulatedTime } from "@/lib/clock";
import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { accountBillingState, accountDiscounts, charges, promotions, resources, usageEvents } from "@/db/schema";
import { type Actor, chargeUsage, post } from "@/lib/ledger";
import { shardFor } from "@/lib/ledger/accounts";
import { accrue, allocateVouchers, dueIncrements, incrementGross, price } from "./cycle";
import { addToMonthlySpend } from "./spend";
import { loadVouchers, type VoucherBalance } from "./vouchers";

/** A resource row with its product's metered flag (metered products are priced per unit of reported usage). */
export type ChargeableResource = typeof resources.$inferSelect & { metered: boolean };
type NewCharge = typeof charges.$inferInsert;

export interface ChargeOptions {
  until: Date;
  /** Resources whose increment in progress is charged in full (a release or a stop). */
  final?: ReadonlySet<string>;
  /** Increments per resource in one transaction, so a long catch-up runs in bounded batches. */
  maxIncrements?: number;
  actor?: Actor;
}

export interface ChargeResult {
  charges: number;
  /** Accounts charged, with cash deducted in this batch. */
  accounts: Map<string, bigint>;
  /** Resources with increments still due after this batch. */
  more: boolean;
  /** Gross and discount charged per resource in this batch. */
  totals: Map<string, { gross: bigint; discount: bigint }>;
}

const SYSTEM: Actor = { kind: "system" };

/**
 * Charges the due increments of the given resources, whose accounts' billing-state rows
 * the caller holds locked (FOR UPDATE), all in the caller's transaction: the charge rows,
 * billed_until, the voucher and cash postings and the accrual commit together or not at
 * all, which is what makes a crash followed by a rerun exact. Postings go in order of the
 * ledger's revenue shard, then account, so two workers never wait on each other in a cycle.
 */
export async function chargeResources(tx: Tx, rows: ChargeableResource[], opts: ChargeOptions): Promise<ChargeResult> {
  const result: ChargeResult = { charges: 0, accounts: new Map(), more: false, totals: new Map() };
  const running = rows.filter((r) => r.status === "running" && r.billingMode !== "subscription");
  if (running.length === 0) return result;
  const accountIds = [...new Set(running.map((r) => r.accountId))];
  const codes = [...new Set(running.map((r) => r.promotionCode).filter((c): c is string => !!c))];
  const metered = running.filter((r) => isMetered(r)).map((r) => r.id);

  const [states, discounts, promos, vouchers, usage] = await Promise.all([
    tx.select().from(accountBillingState).where(inArray(accountBillingState.accountId, accountIds)),
    tx.select().from(accountDiscounts).where(inArray(accountDiscounts.accountId, accountIds)),
    codes.length ? tx.select().from(promotions).where(inArray(promotions.code, codes)) : Promise.resolve([]),
    loadVouchers(tx, accountIds),
    metered.length
      ? tx.select().from(usageEvents).where(and(inArray(usageEvents.resourceId, metered), isNull(usageEvents.chargedPeriodStart), lt(usageEvents.occurredAt, opts.until)))
      : Promise.resolve([]),
  ]);
  const accrued = new Map(states.map((s) => [s.accountId, s.accrued]));
  const promoByCode = new Map(promos.map((p) => [p.code, p]));
  const usageByResource = groupBy(usage, (u) => u.resourceId);

  const newCharges: NewCharge[] = [];
  const billedUntil: { id: string; until: Date }[] = [];
  const chargedUsage: { id: bigint; periodStart: Date }[] = [];
  const byAccount = groupBy(running, (r) => r.accountId);
  const order = accountIds.sort((a, b) => shardFor(a) - shardFor(b) || (a < b ? -1 : a > b ? 1 : 0));

  for (const accountId of order) {
    const accountCharges: NewCharge[] = [];
    const voucherUse = new Map<string, bigint>();
    const accountVouchers = vouchers.get(accountId) ?? [];
    for (const r of byAccount.get(accountId)!) {
      const incs = dueIncrements({ startedAt: r.startedAt, billedUntil: r.billedUntil, mode: r.billingMode }, opts.until, {
        final: opts.final?.has(r.id),
        limit: opts.maxIncrements ?? 2000,
      });
      if (incs.length === 0) continue;
      if (incs.length === (opts.maxIncrements ?? 2000)) result.more = true;
      const events = usageByResource.get(r.id) ?? [];
      const rate = accountRate(discounts, accountId, r.productId);
      const promo = r.promotionCode ? promoByCode.get(r.promotionCode) : undefined;
      for (const [i, inc] of incs.entries()) {
        let quantity = r.quantity;
        let gross: bigint;
        if (isMetered(r)) {
          // Usage reported late (before this increment) is charged with the first increment that sees it.
          const mine = events.filter((e) => e.occurredAt < inc.end && (i > 0 ? e.occurredAt >= inc.start : true));
          quantity = mine.reduce((s, e) => s + e.quantity, 0n);
          mine.forEach((e) => chargedUsage.push({ id: e.id, periodStart: inc.start }));
          gross = r.unitPrice * quantity;
        } else {
          gross = incrementGross(r.unitPrice, r.quantity, inc);
        }
        const promoBps = promo && promoApplies(promo, r.productId, inc.start) ? promo.discountBps : 0;
        const { discount, net } = price(gross, rate, promoBps);
        const usable = accountVouchers.filter((v) => voucherApplies(v, r.productId, inc));
        const paid = allocateVouchers(net, usable.map((v) => ({ id: v.id, balance: v.balance })));
        for (const u of paid.uses) {
          usable.find((v) => v.id === u.id)!.balance -= u.amount;
          voucherUse.set(u.id, (voucherUse.get(u.id) ?? 0n) + u.amount);
        }
        const t = result.totals.get(r.id) ?? { gross: 0n, discount: 0n };
        result.totals.set(r.id, { gross: t.gross + gross, discount: t.discount + discount });
        accountCharges.push({
          accountId, resourceId: r.id, productId: r.productId, periodStart: inc.start, periodEnd: inc.end, quantity,
          unitPrice: r.unitPrice, gross, discount, voucherPaid: paid.paid, cashPart: net - paid.paid, postingKey: "", createdAt: simulatedTime() ?? undefined,
        });
      }
      billedUntil.push({ id: r.id, until: incs.at(-1)!.end });
    }
    if (accountCharges.length === 0) continue;
    const batchKey = `billing:${accountId}:${digest(accountCharges.map((c) => `${c.resourceId}@${c.periodStart!.toISOString()}`))}`;
    accountCharges.forEach((c) => (c.postingKey = batchKey));
    // Not push(...spread): a catch-up over years has more rows than the call stack takes arguments.
    for (const c of accountCharges) newCharges.push(c);

    for (const [voucherId, amount] of voucherUse) {
      await post(tx, {
        idempotencyKey: `${batchKey}:voucher:${voucherId}`,
        accountId,
        type: "voucher_usage",
        description: "Usage paid by voucher",
        entries: [
          { account: { kind: "voucher", ref: voucherId }, amount: -amount },
          { account: { kind: "revenue" }, amount },
        ],
        actor: opts.actor ?? SYSTEM,
        audit: { action: "billing.voucher_usage", data: { voucherId, amount } },
      });
    }
    const cash = accountCharges.reduce((s, c) => s + c.cashPart!, 0n);
    const { deduct, carry } = accrue(accrued.get(accountId) ?? 0n, cash);
    if (deduct > 0n) {
      await chargeUsage(tx, { accountId, amount: deduct, idempotencyKey: `${batchKey}:cash`, actor: opts.actor ?? SYSTEM, description: "Pay-as-you-go usage" });
    }
    accrued.set(accountId, carry);
    result.accounts.set(accountId, deduct);
  }

  if (newCharges.length === 0) return result;
  // A second charge of one increment violates the unique key and rolls the whole batch back.
  for (let i = 0; i < newCharges.length; i += 1000) await tx.insert(charges).values(newCharges.slice(i, i + 1000));
  await addToMonthlySpend(
    tx,
    newCharges.map((c) => ({ accountId: c.accountId, at: c.createdAt, gross: c.gross!, discount: c.discount!, voucherPaid: c.voucherPaid!, cashPaid: c.cashPart! })),
  );
  result.charges = newCharges.length;
  await tx.execute(sql`update resources r set billed_until = v.until::timestamptz, updated_at = now()
    from (values ${sql.join(billedUntil.map((b) => sql`(${b.id}::uuid, ${b.until.toISOString()})`), sql`, `)}) as v(id, until)
    where r.id = v.id`);
  const changed = [...result.accounts.keys()];
  await tx.execute(sql`update account_billing_state s set accrued = v.accrued::bigint, updated_at = now()
    from (values ${sql.join(changed.map((a) => sql`(${a}::uuid, ${accrued.get(a)!.toString()})`), sql`, `)}) as v(id, accrued)
    where s.account_id = v.id`);
  for (const u of chargedUsage) await tx.update(usageEvents).set({ chargedPeriodStart: u.periodStart }).where(eq(usageEvents.id, u.id));
  return result;
}

const isMetered = (r: ChargeableResource) => r.metered;

function accountRate(rows: (typeof accountDiscounts.$inferSelect)[], accountId: string, productId: string): number {
  const mine = rows.filter((d) => d.accountId === accountId);
  return (mine.find((d) => d.productId === productId) ?? mine.find((d) => d.productId === null))?.rateBps ?? 0;
}

function promoApplies(p: typeof promotions.$inferSelect, productId: string, at: Date): boolean {
  return p.active && p.validFrom <= at && at < p.validUntil && (p.productIds.length === 0 || p.productIds.includes(productId));
}

/** A voucher pays an increment that lies wholly inside its validity: [valid_from, valid_until). */
function voucherApplies(v: VoucherBalance, productId: string, inc: { start: Date; end: Date }): boolean {
  return v.balance > 0n && v.validFrom <= inc.start && inc.end <= v.validUntil && (v.productIds.length === 0 || v.productIds.includes(productId));
}

function digest(parts: string[]): string {
  return createHash("sha256").update(parts.sort().join("|")).digest("hex").slice(0, 32);
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
