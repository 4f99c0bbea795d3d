import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { charges, ledgerAccounts, ledgerTransactions, vouchers } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { runBilling } from "@/lib/billing/run";
import { expireVouchers, voucherExpiryJob } from "@/lib/jobs/voucher-expiry";
import { post, topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb({ max: 6 });
const db = () => handle().db;
const H = 3_600_000;

beforeAll(async () => ensureCatalogue(db()));

/** A funded account with a voucher worth `amount`, valid on [from, until), and an hourly resource started at `start`. */
async function setup(amount: bigint, from: Date, until: Date, start: Date) {
  const acct = await createAccount(db());
  await topUp(db(), { accountId: acct, amount: dollars(10), provider: "test", idempotencyKey: key("topup"), actor: system });
  const [v] = await db().insert(vouchers).values({ codeHash: key("v"), accountId: acct, faceValue: amount, productIds: [], validFrom: from, validUntil: until }).returning();
  await post(db(), {
    idempotencyKey: key("issue"), accountId: acct, type: "voucher_issue", description: "issue",
    entries: [{ account: { kind: "voucher", ref: v!.id }, amount }, { account: { kind: "voucher_issuance" }, amount: -amount }],
    actor: system, audit: { action: "test.voucher" },
  });
  const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: start });
  const voucher = async () => (await db().select().from(vouchers).where(eq(vouchers.id, v!.id)))[0]!;
  const balance = async () => (await db().select().from(ledgerAccounts).where(and(eq(ledgerAccounts.kind, "voucher"), eq(ledgerAccounts.ref, v!.id))))[0]!.balance;
  const expiryPostings = async () => db().select().from(ledgerTransactions).where(like(ledgerTransactions.idempotencyKey, `voucher-expiry:${v!.id}`));
  return { acct, voucherId: v!.id, resource, voucher, balance, expiryPostings };
}

describe("voucher expiry", () => {
  it("expires a voucher with money left at valid_until exactly, posts the remainder once, and it pays no more", async () => {
    const T = new Date("2051-03-02T00:00:00Z");
    const s = await setup(dollars(1), new Date("2051-03-01T00:00:00Z"), T, new Date("2051-03-01T20:00:00Z"));
    // The increments ending at or before T are paid by the voucher: 4 × 0.06.
    await runBilling(db(), { until: T, accountIds: [s.acct] });
    expect(await s.balance()).toBe(dollars(1) - 240_000n);

    // A millisecond before T it is still valid.
    expect(await voucherExpiryJob(db(), { now: new Date(T.getTime() - 1), accountIds: [s.acct] })).toMatchObject({ expired: 0, deferred: 0 });
    expect((await s.voucher()).status).toBe("active");
    expect(await s.balance()).toBe(760_000n);

    // At T it expires: the remainder goes back to voucher issuance through the ledger.
    expect(await voucherExpiryJob(db(), { now: T, accountIds: [s.acct] })).toMatchObject({ periodKey: T.toISOString(), expired: 1, amount: 760_000n });
    expect(await s.voucher()).toMatchObject({ status: "expired", expiredAt: T });
    expect(await s.balance()).toBe(0n);
    const [posting] = await s.expiryPostings();
    expect(posting).toMatchObject({ type: "voucher_expiry", accountId: s.acct });

    // Again in the same period (a second instance), in a later one, and directly: nothing more.
    expect(await voucherExpiryJob(db(), { now: new Date(T.getTime() + 10 * 60_000), accountIds: [s.acct] })).toBeNull();
    expect(await voucherExpiryJob(db(), { now: new Date(T.getTime() + H), accountIds: [s.acct] })).toMatchObject({ expired: 0 });
    expect(await expireVouchers(db(), new Date(T.getTime() + 2 * H), [s.acct])).toEqual({ expired: 0, amount: 0n, deferred: 0 });
    expect(await s.expiryPostings()).toHaveLength(1);

    // A later billing run charges cash only.
    await runBilling(db(), { until: new Date(T.getTime() + 3 * H), accountIds: [s.acct] });
    const later = await db().select().from(charges).where(and(eq(charges.resourceId, s.resource.id))).orderBy(charges.periodStart);
    expect(later.map((c) => c.voucherPaid)).toEqual([60_000n, 60_000n, 60_000n, 60_000n, 0n, 0n, 0n]);
    expect(later.slice(4).map((c) => c.cashPart)).toEqual([60_000n, 60_000n, 60_000n]);
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("posts the remainder once when instances run concurrently", async () => {
    const T = new Date("2052-05-10T00:00:00Z");
    const s = await setup(dollars(2), new Date("2052-05-01T00:00:00Z"), T, new Date("2052-05-09T22:00:00Z"));
    await runBilling(db(), { until: T, accountIds: [s.acct] });
    const results = await Promise.all([
      voucherExpiryJob(db(), { now: new Date(T.getTime() + 10 * 60_000), accountIds: [s.acct] }),
      voucherExpiryJob(db(), { now: new Date(T.getTime() + 10 * 60_000), accountIds: [s.acct] }),
      expireVouchers(db(), new Date(T.getTime() + H), [s.acct]),
      expireVouchers(db(), new Date(T.getTime() + H), [s.acct]),
    ]);
    // Two instances of one period: one of them ran.
    expect(results.slice(0, 2).filter((r) => r === null)).toHaveLength(1);
    expect(results.reduce((n, r) => n + (r?.expired ?? 0), 0)).toBe(1);
    expect(await s.expiryPostings()).toHaveLength(1);
    expect(await s.balance()).toBe(0n);
    expect((await s.voucher()).status).toBe("expired");
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("waits for the billing run to charge the increments the voucher still owes before T", async () => {
    const T = new Date("2053-07-01T00:00:00Z");
    const s = await setup(dollars(1), new Date("2053-06-01T00:00:00Z"), T, new Date("2053-06-30T21:00:00Z"));
    await runBilling(db(), { until: new Date(T.getTime() - H), accountIds: [s.acct] }); // the cycle of the last hour has not run
    expect(await voucherExpiryJob(db(), { now: T, accountIds: [s.acct] })).toMatchObject({ expired: 0, deferred: 1 });
    expect((await s.voucher()).status).toBe("active");
    await runBilling(db(), { until: new Date(T.getTime() + H), accountIds: [s.acct] });
    const list = await db().select().from(charges).where(eq(charges.resourceId, s.resource.id)).orderBy(charges.periodStart);
    expect(list.map((c) => c.voucherPaid)).toEqual([60_000n, 60_000n, 60_000n, 0n]); // 21–24 h by voucher, after T by cash
    expect(await voucherExpiryJob(db(), { now: new Date(T.getTime() + H), accountIds: [s.acct] })).toMatchObject({ expired: 1, amount: dollars(1) - 180_000n });
    expect(await s.balance()).toBe(0n);
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});
