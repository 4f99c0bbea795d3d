import { simulatedTime } from "@/lib/clock";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { accountBillingState, accountDiscounts, promotions, type resources, usageEvents } from "@/db/schema";
import { type Actor, chargeUsage, post } from "@/lib/ledger";
import { shardFor } from "@/lib/ledger/accounts";
import { accrue, allocateVouchers, dueIncrements, type Increment, incrementGross, price } from "./cycle";
import { loadOrderForms, orderFormRate } from "./order-forms";
import { promotionApplies } from "./promotions";
import { addToSpend } from "./spend";
import type { Tags } from "@/db/schema/columns";
import { pgArray } from "@/db/sql-arrays";
import { loadVouchers, type VoucherBalance } from "./vouchers";

/** A resource row with its product's metered flag (metered products are priced per unit of reported usage). */
export type ChargeableResource = typeof resources.$inferSelect & { metered: boolean };

/**
 * Increments one call of `chargeResources` charges at most, over all its resources
 * together, unless the caller says otherwise: what one transaction builds in memory and
 * writes (about 20 MB of rows), so a catch-up of any size runs in bounded transactions.
 */
export const MAX_CHARGES_PER_CALL = 20_000;

/** Rows per charges insert: each statement has 13 array parameters, whatever its rows. */
const INSERT_ROWS = 10_000;

export interface ChargeOptions {
  until: Date;
  /** Resources whose increment in progress is charged in full (a release or a stop). */
  final?: ReadonlySet<string>;
  /** Increments per resource in one call (default 2,000). */
  maxIncrements?: number;
  /** Increments in one call over all resources (default MAX_CHARGES_PER_CALL); the rest is left for the next call, with `more`. */
  maxCharges?: number;
  actor?: Actor;
}

export interface ChargeResult {
  charges: number;
  /** Accounts charged, with cash deducted in this batch. */
  accounts: Map<string, bigint>;
  /**
   * Some increments due up to `until` may be left uncharged by this call (a resource hit
   * `maxIncrements`, or the call hit `maxCharges` before or while charging some of the
   * resources): call again for the same accounts. Only ever true when this call charged
   * something, so calling again while it is true always ends.
   */
  more: boolean;
  /** Gross and discount charged per resource in this batch. */
  totals: Map<string, { gross: bigint; discount: bigint }>;
}

const SYSTEM: Actor = { kind: "system" };

/** The charge rows of one call, column by column (the insert sends one array per column). */
class ChargeColumns {
  accountId: string[] = [];
  resourceId: string[] = [];
  productId: string[] = [];
  periodStart: Date[] = [];
  periodEnd: Date[] = [];
  quantity: bigint[] = [];
  unitPrice: bigint[] = [];
  gross: bigint[] = [];
  discount: bigint[] = [];
  voucherPaid: bigint[] = [];
  cashPart: bigint[] = [];
  postingKey: string[] = [];
  tags: Tags[] = [];
  get length() {
    return this.accountId.length;
  }
}

/**
 * Charges the due increments of the given resources, whose accounts' billing-state rows
 * the caller holds locked (FOR UPDATE), all in the caller's transaction: the charge rows,
 * billed_until, the voucher and cash postings and the accrual commit together or not at
 * all, which is what makes a crash followed by a rerun exact. Postings go in order of the
 * ledger's revenue shard, then account, so two workers never wait on each other in a cycle.
 *
 * Bounded: at most `maxCharges` increments per call (accounts in posting order, each
 * resource's earliest increments first), and every multi-row statement sends one array
 * parameter per column (`unnest`), whatever the number of rows.
 */
export async function chargeResources(tx: Tx, rows: ChargeableResource[], opts: ChargeOptions): Promise<ChargeResult> {
  const result: ChargeResult = { charges: 0, accounts: new Map(), more: false, totals: new Map() };
  const running = rows.filter((r) => r.status === "running" && r.billingMode !== "subscription");
  if (running.length === 0) return result;
  const perResource = opts.maxIncrements ?? 2000;
  let budget = Math.max(1, opts.maxCharges ?? MAX_CHARGES_PER_CALL);
  // Resources in id order: which increments a call reaches, and so which a voucher pays, never depends on row order.
  const byAccount = groupBy([...running].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), (r) => r.accountId);
  const order = [...byAccount.keys()].sort((a, b) => shardFor(a) - shardFor(b) || (a < b ? -1 : a > b ? 1 : 0));

  // What this call charges: each resource's due increments, as far as the budget goes.
  const plan: { accountId: string; items: { r: ChargeableResource; incs: Increment[] }[] }[] = [];
  planning: for (const accountId of order) {
    const items: { r: ChargeableResource; incs: Increment[] }[] = [];
    for (const r of byAccount.get(accountId)!) {
      if (budget === 0) {
        result.more = true;
        if (items.length) plan.push({ accountId, items });
        break planning;
      }
      const limit = Math.min(perResource, budget);
      const incs = dueIncrements({ startedAt: r.startedAt, billedUntil: r.billedUntil, mode: r.billingMode }, opts.until, { final: opts.final?.has(r.id), limit });
      if (incs.length === 0) continue;
      if (incs.length === limit) result.more = true;
      budget -= incs.length;
      items.push({ r, incs });
    }
    if (items.length) plan.push({ accountId, items });
  }
  if (plan.length === 0) return result;

  const accountIds = plan.map((p) => p.accountId);
  const codes = [...new Set(running.map((r) => r.promotionCode).filter((c): c is string => !!c))];
  const meteredItems = plan.flatMap((p) => p.items.filter((it) => isMetered(it.r)));
  const ids = pgArray(accountIds, "uuid");
  // The order forms that may be in force over the increments charged here, read once for the batch.
  let earliest = Infinity;
  let latest = -Infinity;
  for (const p of plan) {
    for (const it of p.items) {
      earliest = Math.min(earliest, it.incs[0]!.start.getTime());
      latest = Math.max(latest, it.incs.at(-1)!.start.getTime());
    }
  }
  const span = { from: new Date(earliest), until: new Date(latest + 1) };
  const [states, discounts, forms, promos, vouchers, usage] = await Promise.all([
    tx.select().from(accountBillingState).where(sql`${accountBillingState.accountId} = any(${ids})`),
    tx.select().from(accountDiscounts).where(sql`${accountDiscounts.accountId} = any(${ids})`),
    loadOrderForms(tx, accountIds, span),
    codes.length ? tx.select().from(promotions).where(sql`${promotions.code} = any(${pgArray(codes, "text")})`) : Promise.resolve([]),
    loadVouchers(tx, accountIds),
    // Uncharged usage of the metered resources charged here, up to the end of the last increment charged.
    meteredItems.length
      ? tx
          .select({ id: usageEvents.id, resourceId: usageEvents.resourceId, quantity: usageEvents.quantity, occurredAt: usageEvents.occurredAt })
          .from(usageEvents)
          .innerJoin(
            sql`unnest(${pgArray(meteredItems.map((it) => it.r.id), "uuid")}, ${pgArray(meteredItems.map((it) => it.incs.at(-1)!.end), "timestamptz")}) as upto(resource_id, until)`,
            sql`upto.resource_id = ${usageEvents.resourceId}`,
          )
          .where(sql`${usageEvents.chargedPeriodStart} is null and ${usageEvents.occurredAt} < upto.until`)
      : Promise.resolve([]),
  ]);
  const accrued = new Map(states.map((s) => [s.accountId, s.accrued]));
  const promoByCode = new Map(promos.map((p) => [p.code, p]));
  const usageByResource = groupBy(usage, (u) => u.resourceId);
  const createdAt = simulatedTime();

  const out = new ChargeColumns();
  const billedUntil: { id: string[]; until: Date[] } = { id: [], until: [] };
  const chargedUsage: { id: bigint[]; periodStart: Date[] } = { id: [], periodStart: [] };

  for (const { accountId, items } of plan) {
    const first = out.length;
    const voucherUse = new Map<string, bigint>();
    const accountVouchers = vouchers.get(accountId) ?? [];
    let cash = 0n;
    for (const { r, incs } of items) {
      const events = usageByResource.get(r.id) ?? [];
      const rate = accountRate(discounts, accountId, r.productId);
      const promo = r.promotionCode ? promoByCode.get(r.promotionCode) : undefined;
      const t = result.totals.get(r.id) ?? { gross: 0n, discount: 0n };
      for (const [i, inc] of incs.entries()) {
        let quantity = r.quantity;
        let gross: bigint;
        if (isMetered(r)) {
          // Usage reported late (before this increment) is charged with the first increment that sees it.
          const mine = events.filter((e) => e.occurredAt < inc.end && (i > 0 ? e.occurredAt >= inc.start : true));
          quantity = mine.reduce((s, e) => s + e.quantity, 0n);
          for (const e of mine) {
            chargedUsage.id.push(e.id);
            chargedUsage.periodStart.push(inc.start);
          }
          gross = r.unitPrice * quantity;
        } else {
          gross = incrementGross(r.unitPrice, r.quantity, inc);
        }
        const promoBps = promo && promotionApplies(promo, r.productId, inc.start) ? promo.discountBps : 0;
        const { discount, net } = price(gross, rate, promoBps, orderFormRate(forms, accountId, r.productId, inc.start));
        const usable = accountVouchers.filter((v) => voucherApplies(v, r.productId, inc));
        const paid = allocateVouchers(net, usable.map((v) => ({ id: v.id, balance: v.balance })));
        for (const u of paid.uses) {
          usable.find((v) => v.id === u.id)!.balance -= u.amount;
          voucherUse.set(u.id, (voucherUse.get(u.id) ?? 0n) + u.amount);
        }
        t.gross += gross;
        t.discount += discount;
        cash += net - paid.paid;
        out.accountId.push(accountId);
        out.resourceId.push(r.id);
        out.productId.push(r.productId);
        out.tags.push(r.tags);
        out.periodStart.push(inc.start);
        out.periodEnd.push(inc.end);
        out.quantity.push(quantity);
        out.unitPrice.push(r.unitPrice);
        out.gross.push(gross);
        out.discount.push(discount);
        out.voucherPaid.push(paid.paid);
        out.cashPart.push(net - paid.paid);
      }
      result.totals.set(r.id, t);
      billedUntil.id.push(r.id);
      billedUntil.until.push(incs.at(-1)!.end);
    }
    const keys: string[] = [];
    for (let j = first; j < out.length; j++) keys.push(`${out.resourceId[j]}@${out.periodStart[j]!.toISOString()}`);
    const batchKey = `billing:${accountId}:${digest(keys)}`;
    for (let j = first; j < out.length; j++) out.postingKey.push(batchKey);

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
    const { deduct, carry } = accrue(accrued.get(accountId) ?? 0n, cash);
    if (deduct > 0n) {
      await chargeUsage(tx, { accountId, amount: deduct, idempotencyKey: `${batchKey}:cash`, actor: opts.actor ?? SYSTEM, description: "Pay-as-you-go usage" });
    }
    accrued.set(accountId, carry);
    result.accounts.set(accountId, deduct);
  }

  // A second charge of one increment violates the unique key and rolls the whole batch back.
  for (let i = 0; i < out.length; i += INSERT_ROWS) await insertCharges(tx, out, i, Math.min(out.length, i + INSERT_ROWS), createdAt);
  await addToSpend(
    tx,
    out.accountId.map((accountId, j) => ({
      accountId, productId: out.productId[j]!, resourceId: out.resourceId[j]!, tags: out.tags[j]!, at: createdAt,
      gross: out.gross[j]!, discount: out.discount[j]!, voucherPaid: out.voucherPaid[j]!, cashPaid: out.cashPart[j]!,
    })),
  );
  result.charges = out.length;
  await tx.execute(sql`update resources r set billed_until = v.until, updated_at = now()
    from unnest(${pgArray(billedUntil.id, "uuid")}, ${pgArray(billedUntil.until, "timestamptz")}) as v(id, until)
    where r.id = v.id`);
  const changed = [...result.accounts.keys()];
  await tx.execute(sql`update account_billing_state s set accrued = v.accrued, updated_at = now()
    from unnest(${pgArray(changed, "uuid")}, ${pgArray(changed.map((a) => accrued.get(a)!), "bigint")}) as v(id, accrued)
    where s.account_id = v.id`);
  if (chargedUsage.id.length) {
    await tx.execute(sql`update usage_events u set charged_period_start = v.period_start
      from unnest(${pgArray(chargedUsage.id, "bigint")}, ${pgArray(chargedUsage.periodStart, "timestamptz")}) as v(id, period_start)
      where u.id = v.id`);
  }
  return result;
}

/** Inserts rows [from, to) of the charge columns in one statement of array parameters. */
async function insertCharges(tx: Tx, c: ChargeColumns, from: number, to: number, createdAt: Date | null): Promise<void> {
  const part = <T>(col: T[]) => col.slice(from, to);
  await tx.execute(sql`insert into charges (account_id, resource_id, product_id, period_start, period_end, quantity, unit_price, gross, discount, voucher_paid, cash_part, posting_key, tags, created_at)
    select account_id, resource_id, product_id, period_start, period_end, quantity, unit_price, gross, discount, voucher_paid, cash_part, posting_key, tags, coalesce(${createdAt?.toISOString() ?? null}::timestamptz, now())
    from unnest(${pgArray(part(c.accountId), "uuid")}, ${pgArray(part(c.resourceId), "uuid")}, ${pgArray(part(c.productId), "text")},
      ${pgArray(part(c.periodStart), "timestamptz")}, ${pgArray(part(c.periodEnd), "timestamptz")}, ${pgArray(part(c.quantity), "bigint")},
      ${pgArray(part(c.unitPrice), "bigint")}, ${pgArray(part(c.gross), "bigint")}, ${pgArray(part(c.discount), "bigint")},
      ${pgArray(part(c.voucherPaid), "bigint")}, ${pgArray(part(c.cashPart), "bigint")}, ${pgArray(part(c.postingKey), "text")},
      ${pgArray(part(c.tags).map((t) => JSON.stringify(t)), "jsonb")})
      as v(account_id, resource_id, product_id, period_start, period_end, quantity, unit_price, gross, discount, voucher_paid, cash_part, posting_key, tags)`);
}

const isMetered = (r: ChargeableResource) => r.metered;

function accountRate(rows: (typeof accountDiscounts.$inferSelect)[], accountId: string, productId: string): number {
  const mine = rows.filter((d) => d.accountId === accountId);
  return (mine.find((d) => d.productId === productId) ?? mine.find((d) => d.productId === null))?.rateBps ?? 0;
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
