import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountBillingState, accountDiscounts, charges, ledgerAccounts, products, resources, usageEvents, vouchers } from "@/db/schema";
import { chargeResources } from "@/lib/billing/charge";
import { pgArray } from "@/db/sql-arrays";
import { withTx } from "@/db/tx";
import { rowsOf } from "@/db/rows";
import { post, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const H = 3_600_000;
const T0 = new Date("2032-01-01T00:00:00Z");
const UNTIL = new Date(T0.getTime() + 72 * H);

/** An account with three hourly resources, a metered daily one with usage, a 10 % discount and a $5 voucher for its first two days. */
async function account(): Promise<{ id: string; voucherId: string }> {
  const id = await createAccount(db(), "Bounded");
  await db().insert(accountBillingState).values({ accountId: id });
  await db().insert(accountDiscounts).values({ accountId: id, productId: null, rateBps: 1000, reason: "test" });
  const [v] = await db().insert(vouchers).values({ codeHash: key("v"), accountId: id, faceValue: dollars(5), productIds: [], validFrom: T0, validUntil: new Date(T0.getTime() + 48 * H) }).returning();
  await post(db(), {
    idempotencyKey: key("issue"), accountId: id, type: "voucher_issue", description: "issue",
    entries: [{ account: { kind: "voucher", ref: v!.id }, amount: dollars(5) }, { account: { kind: "voucher_issuance" }, amount: -dollars(5) }],
    actor: system, audit: { action: "test.voucher" },
  });
  const base = { accountId: id, status: "running" as const, startedAt: T0, billedUntil: T0 };
  // Ids in the same order in every account: a call charges resources in id order, which decides what the voucher pays.
  const rid = (k: number) => `${k}${crypto.randomUUID().slice(1)}`;
  const [, , , storage] = await db()
    .insert(resources)
    .values([
      { ...base, id: rid(1), productId: "test.hourly", name: "a", quantity: 1n, billingMode: "payg_hourly", unitPrice: 60_000n, requestKey: "a" },
      { ...base, id: rid(2), productId: "test.cheap", name: "b", quantity: 3n, billingMode: "payg_hourly", unitPrice: 3_333n, requestKey: "b" },
      { ...base, id: rid(3), productId: "test.hourly", name: "c", quantity: 2n, billingMode: "payg_hourly", unitPrice: 60_000n, requestKey: "c", startedAt: new Date(T0.getTime() + 17 * 60_000), billedUntil: new Date(T0.getTime() + 17 * 60_000) },
      { ...base, id: rid(4), productId: "oss.standard.gb", name: "s", quantity: 1n, billingMode: "payg_daily", unitPrice: 750n, requestKey: "s" },
    ])
    .returning();
  await db()
    .insert(usageEvents)
    .values([5, 20, 30, 50, 71].map((h, i) => ({ accountId: id, eventId: `e${i}`, resourceId: storage!.id, quantity: BigInt(100 * (i + 1)), occurredAt: new Date(T0.getTime() + h * H) })));
  return { id, voucherId: v!.id };
}

/** One call of chargeResources in a transaction of its own, over the account's running resources, as the billing run makes it. */
async function charge(accountId: string, maxCharges?: number) {
  return withTx(db(), async (tx) => {
    await tx.select().from(accountBillingState).where(eq(accountBillingState.accountId, accountId)).for("update");
    const rows = await tx
      .select({ ...getTableColumns(resources), metered: products.metered })
      .from(resources)
      .innerJoin(products, eq(products.id, resources.productId))
      .where(and(eq(resources.accountId, accountId), eq(resources.status, "running")));
    return chargeResources(tx, rows, { until: UNTIL, maxCharges });
  });
}

/** What a customer sees of the charges: per resource name and hour, the amounts. */
async function outcome(a: { id: string; voucherId: string }) {
  const rows = await db()
    .select({ name: resources.name, start: charges.periodStart, gross: charges.gross, discount: charges.discount, voucher: charges.voucherPaid, cash: charges.cashPart, quantity: charges.quantity })
    .from(charges)
    .innerJoin(resources, eq(resources.id, charges.resourceId))
    .where(eq(charges.accountId, a.id))
    .orderBy(resources.name, charges.periodStart);
  const balance = async (kind: "cash" | "voucher") =>
    (await db().select({ b: ledgerAccounts.balance }).from(ledgerAccounts).where(and(eq(ledgerAccounts.kind, kind), eq(ledgerAccounts.accountId, a.id))))[0]?.b ?? 0n;
  const [state] = await db().select().from(accountBillingState).where(eq(accountBillingState.accountId, a.id));
  const [uncharged] = await db().select({ n: sql<number>`count(*)::int` }).from(usageEvents).where(and(eq(usageEvents.accountId, a.id), sql`${usageEvents.chargedPeriodStart} is null`));
  return { charges: rows.map((r) => ({ ...r, start: r.start.getTime() - T0.getTime() })), cash: await balance("cash"), voucher: await balance("voucher"), accrued: state!.accrued, uncharged: uncharged!.n };
}

describe("array parameters", () => {
  it("carry any text, nulls, numbers and times through one parameter each", async () => {
    const texts = ['a"b', "c\\d", "e,f", null, "{x}", " spaced ", "NULL", "", "简体中文"];
    const rows = await rowsOf(db(), sql`select t, n::text, at from unnest(${pgArray(texts, "text")}, ${pgArray([1n, null, -3n, 0n, 2n ** 62n, 5n, 6n, 7n, 8n], "bigint")},
      ${pgArray([T0, null, UNTIL, T0, T0, T0, T0, T0, T0], "timestamptz")}) with ordinality as v(t, n, at, i) order by i`);
    expect(rows.map((r) => r.t)).toEqual(texts);
    expect(rows.map((r) => r.n)).toEqual(["1", null, "-3", "0", String(2n ** 62n), "5", "6", "7", "8"]);
    expect(rows.slice(0, 3).map((r) => (r.at === null ? null : new Date(r.at as string).getTime()))).toEqual([T0.getTime(), null, UNTIL.getTime()]);
  });
});

describe("a catch-up cut into bounded calls", () => {
  it("charges every increment once, with the same amounts, vouchers, usage and accrual as one call", async () => {
    await ensureCatalogue(db());
    const whole = await account();
    const cut = await account();

    const one = await charge(whole.id);
    expect(one).toMatchObject({ charges: 3 * 72 + 3, more: false });

    let calls = 0;
    let total = 0;
    for (let more = true; more; calls++) {
      const r = await charge(cut.id, 7);
      expect(r.charges).toBeLessThanOrEqual(7);
      expect(r.charges).toBeGreaterThan(0);
      total += r.charges;
      more = r.more;
    }
    expect(total).toBe(3 * 72 + 3);
    expect(calls).toBeGreaterThanOrEqual(Math.ceil(total / 7));
    // The next call finds nothing left.
    expect(await charge(cut.id, 7)).toMatchObject({ charges: 0, more: false });

    const a = await outcome(whole);
    const b = await outcome(cut);
    expect(b).toEqual(a);
    expect(a.uncharged).toBe(0);
    const sum = (k: "cash" | "voucher") => a.charges.reduce((s, c) => s + c[k], 0n);
    expect(sum("voucher")).toBe(dollars(5) - a.voucher);
    expect(-a.cash + a.accrued).toBe(sum("cash"));
    // Each call posted under its own key: no posting was refused as a replay of another.
    const [keys] = await db()
      .select({ n: sql<number>`count(distinct posting_key)::int` })
      .from(charges)
      .where(eq(charges.accountId, cut.id));
    expect(keys!.n).toBe(calls);
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});
