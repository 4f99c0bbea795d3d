import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { getVoucherBatch, listAccountVouchers, voucherSpending } from "@/db/queries/vouchers";
import { auditLog, charges, ledgerAccounts, ledgerTransactions, voucherBatches, vouchers } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { runBilling } from "@/lib/billing/run";
import { clockNow } from "@/lib/clock";
import { voucherExpiryJob } from "@/lib/jobs/voucher-expiry";
import { chargeUsage, topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { createVoucherBatch, revokeVouchers, takeBatchCodes } from "@/lib/vouchers/batches";
import { hashCode } from "@/lib/vouchers/codes";
import { REDEEM_LIMITS, redeemVoucher } from "@/lib/vouchers/redeem";
import { ensureCatalogue } from "../fixtures/billing";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createUser } from "../fixtures/factories";
import { createAccount, key, system } from "../fixtures/ledger";

// The staff actions run as in Next.js, through staffAction; only the session and the request headers are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { createVoucherBatchAction } = await import("@/lib/actions/vouchers/create-batch");
const { revokeVouchersAction } = await import("@/lib/actions/vouchers/revoke-vouchers");

const handle = useTestDb({ max: 22 });
const db = () => handle().db;
const H = 3_600_000;
const staffActor = { userId: null, ip: "10.9.9.9" };

beforeAll(async () => ensureCatalogue(db()));

/** A batch of `count` codes and its plain codes, taken through the one download. */
async function batch(opts: { count?: number; face?: bigint; productIds?: string[]; from?: Date; until?: Date } = {}) {
  const { batchId } = await createVoucherBatch(db(), {
    count: opts.count ?? 1,
    faceValue: opts.face ?? dollars(5),
    productIds: opts.productIds ?? [],
    validFrom: opts.from ?? new Date("2020-01-01T00:00:00Z"),
    validUntil: opts.until ?? new Date("2099-01-01T00:00:00Z"),
    note: "test batch",
    reason: "Test campaign",
    actor: staffActor,
  });
  const codes = (await takeBatchCodes(db(), { batchId, actor: staffActor }))!;
  return { batchId, codes };
}

/** A new account topped up with `cash`, and a batch of vouchers for it to redeem. */
async function fundedAccount(cash: bigint, vouchers: Parameters<typeof batch>[0]) {
  const { codes } = await batch(vouchers);
  const acct = await createAccount(db());
  await topUp(db(), { accountId: acct, amount: cash, provider: "test", idempotencyKey: key("t"), actor: system });
  return { acct, codes };
}

const voucherBalance = async (voucherId: string) =>
  (await db().select().from(ledgerAccounts).where(and(eq(ledgerAccounts.kind, "voucher"), eq(ledgerAccounts.ref, voucherId))))[0]?.balance ?? 0n;
const failures = async (accountId: string) =>
  db().select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, "voucher.redeem_failed")));
/** A unique client address per test, so the per-address limit of one test does not leak into another. */
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("voucher batches", () => {
  it("issue unique codes stored only as hashes, downloadable once even when asked twice at once", async () => {
    const { batchId } = await createVoucherBatch(db(), {
      count: 50, faceValue: dollars(20), productIds: ["gpu.a10.xlarge"], validFrom: new Date("2030-01-01Z"), validUntil: new Date("2030-07-01Z"), note: "spring campaign", reason: "Spring campaign", actor: staffActor,
    });
    const rows = await db().select().from(vouchers).where(eq(vouchers.batchId, batchId));
    expect(rows).toHaveLength(50);
    expect(rows.every((v) => v.accountId === null && v.status === "active" && v.faceValue === dollars(20))).toBe(true);

    const [a, b] = await Promise.all([takeBatchCodes(db(), { batchId, actor: staffActor }), takeBatchCodes(db(), { batchId, actor: staffActor })]);
    const codes = (a ?? b)!;
    expect([a, b].filter((x) => x === null)).toHaveLength(1);
    expect(new Set(codes).size).toBe(50);
    // What is stored is the hash of each code, and no code in the clear anywhere.
    expect(new Set(rows.map((r) => r.codeHash))).toEqual(new Set(codes.map(hashCode)));
    const [stored] = await db().select().from(voucherBatches).where(eq(voucherBatches.id, batchId));
    expect(stored!.codesSealed).toBeNull();
    const dump = JSON.stringify([rows, stored], (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    for (const c of codes) expect(dump).not.toContain(c.replace(/-/g, "").slice(0, 12));
    expect(await takeBatchCodes(db(), { batchId, actor: staffActor })).toBeNull();
    const audited = await db().select().from(auditLog).where(eq(auditLog.targetId, batchId));
    expect(audited.map((r) => r.action).sort()).toEqual(["voucher.batch_codes_downloaded", "voucher.batch_created"]);
  });

  it("revoking takes back unredeemed codes only; a revoked code is refused", async () => {
    const { batchId, codes } = await batch({ count: 3 });
    const acct = await createAccount(db());
    expect(await redeemVoucher(db(), { accountId: acct, code: codes[0]!, userId: null, ip: ip() })).toMatchObject({ status: "redeemed" });
    expect(await revokeVouchers(db(), { batchId, reason: "Campaign cancelled", actor: staffActor })).toEqual({ count: 2, faceValue: dollars(10) });
    expect(await redeemVoucher(db(), { accountId: acct, code: codes[1]!, userId: null, ip: ip() })).toEqual({ status: "refused", reason: "revoked" });
    const detail = (await getVoucherBatch(db(), { batchId, now: clockNow() }))!;
    expect(detail.batch).toMatchObject({ redeemed: 1, revoked: 2, unused: 0 });
    expect(detail.vouchers.find((v) => v.state === "redeemed")).toMatchObject({ accountId: acct, remaining: dollars(5) });
    // A code past its validity is lapsed, not revoked: nothing to withdraw, nothing recorded.
    const old = await batch({ from: new Date("2020-01-01Z"), until: new Date("2020-02-01Z") });
    expect(await revokeVouchers(db(), { batchId: old.batchId, reason: "Tidy up", actor: staffActor })).toEqual({ count: 0, faceValue: 0n });
    expect(await db().select().from(auditLog).where(and(eq(auditLog.targetId, old.batchId), eq(auditLog.action, "voucher.revoked")))).toHaveLength(0);
  });
});

describe("staff issue and revoke batches with a reason, once", () => {
  const form = (requestId: string, over: Record<string, unknown> = {}) => ({
    count: "4", faceValue: "12.50", productIds: ["gpu.a10.xlarge"], validFrom: "2030-01-01", validUntil: "2030-03-31", note: "GPU trial", reason: "Partner launch", requestId, ...over,
  });
  const batchRows = (id: string) => db().select().from(voucherBatches).where(eq(voucherBatches.id, id));
  const records = (targetId: string, action: string) => db().select().from(auditLog).where(and(eq(auditLog.targetId, targetId), eq(auditLog.action, action)));
  const staff = async () => {
    const user = await createUser(db(), { staffRole: "finance" });
    session.uid = user.id;
    return user;
  };

  it("issuing without a reason, or without a request id, is refused and writes nothing", async () => {
    await staff();
    const requestId = crypto.randomUUID();
    for (const reason of [undefined, "", "  ", "ok", "x".repeat(501)]) {
      expect(await createVoucherBatchAction(form(requestId, { reason }))).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.confirm.errors.reason"] } });
    }
    expect(await createVoucherBatchAction(form(requestId, { requestId: undefined }))).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { requestId: expect.any(Array) } });
    expect(await batchRows(requestId)).toHaveLength(0);
    expect(await db().select().from(vouchers).where(eq(vouchers.batchId, requestId))).toHaveLength(0);
    expect(await db().select().from(auditLog).where(eq(auditLog.targetId, requestId))).toHaveLength(0);
    // Straight at the domain function too: the audit record must carry a reason.
    await expect(
      createVoucherBatch(db(), { id: requestId, count: 1, faceValue: dollars(1), productIds: [], validFrom: new Date("2030-01-01Z"), validUntil: new Date("2030-02-01Z"), note: "", reason: " ", actor: staffActor }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await batchRows(requestId)).toHaveLength(0);
  });

  it(`a double submit of one request issues one batch with one audit record carrying the reason${onPostgres() ? " (parallel connections)" : ""}`, async () => {
    const user = await staff();
    const requestId = crypto.randomUUID();
    const results = await Promise.all([createVoucherBatchAction(form(requestId)), createVoucherBatchAction(form(requestId)), createVoucherBatchAction(form(requestId))]);
    for (const r of results) expect(r).toEqual({ ok: true, data: { batchId: requestId, count: 4 } });
    expect(await createVoucherBatchAction(form(requestId))).toEqual({ ok: true, data: { batchId: requestId, count: 4 } }); // and once more, later
    const [row] = await batchRows(requestId);
    expect(row).toMatchObject({ count: 4, faceValue: 12_500_000n, note: "GPU trial", createdByUserId: user.id, validUntil: new Date("2030-04-01T00:00:00Z") });
    expect(await db().select().from(vouchers).where(eq(vouchers.batchId, requestId))).toHaveLength(4);
    const created = await records(requestId, "voucher.batch_created");
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorKind: "staff", actorUserId: user.id, reason: "Partner launch", targetType: "voucher_batch" });
    expect(created[0]!.data).toMatchObject({ count: 4, faceValue: "12500000", totalFaceValue: "50000000", productIds: ["gpu.a10.xlarge"], note: "GPU trial" });
    // The same request id with other terms is not the same request: refused, the batch unchanged.
    expect(await createVoucherBatchAction(form(requestId, { count: "5" }))).toMatchObject({ ok: false, code: "IDEMPOTENCY_CONFLICT" });
    expect(await db().select().from(vouchers).where(eq(vouchers.batchId, requestId))).toHaveLength(4);
    expect(await records(requestId, "voucher.batch_created")).toHaveLength(1);
  });

  it(`revoking needs a reason; a batch revoke and a double click of it leave one audit record with the count and face value${onPostgres() ? " (parallel connections)" : ""}`, async () => {
    const user = await staff();
    const { batchId, codes } = await batch({ count: 4, face: dollars(25) });
    const acct = await createAccount(db());
    expect(await redeemVoucher(db(), { accountId: acct, code: codes[0]!, userId: null, ip: ip() })).toMatchObject({ status: "redeemed" });
    const unusedCodes = async () => (await getVoucherBatch(db(), { batchId, now: clockNow() }))!.batch.unused;

    for (const reason of [undefined, "", "no"]) {
      expect(await revokeVouchersAction({ batchId, reason })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.confirm.errors.reason"] } });
    }
    await expect(revokeVouchers(db(), { batchId, reason: "", actor: staffActor })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await unusedCodes()).toBe(3);
    expect(await records(batchId, "voucher.revoked")).toHaveLength(0);

    const [a, b] = await Promise.all([revokeVouchersAction({ batchId, reason: "Partner left" }), revokeVouchersAction({ batchId, reason: "Partner left" })]);
    expect([a, b].map((r) => (r.ok ? r.data : r)).sort((x, y) => ("count" in y ? y.count : 0) - ("count" in x ? x.count : 0))).toEqual([
      { count: 3, faceValue: "75.00" },
      { count: 0, faceValue: "0.00" },
    ]);
    expect(await unusedCodes()).toBe(0);
    const revoked = await records(batchId, "voucher.revoked");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actorKind: "staff", actorUserId: user.id, reason: "Partner left", targetType: "voucher_batch", data: { batchId, count: 3, faceValue: "75000000" } });
    // The redeemed voucher was not taken back.
    expect((await getVoucherBatch(db(), { batchId, now: clockNow() }))!.vouchers.find((v) => v.state === "redeemed")).toMatchObject({ accountId: acct, remaining: dollars(25) });
  });

  it("revoking one code withdraws that code only, with one audit record naming it", async () => {
    const user = await staff();
    const { batchId, codes } = await batch({ count: 3, face: dollars(10) });
    const [one] = await db().select().from(vouchers).where(and(eq(vouchers.batchId, batchId), eq(vouchers.codeHash, hashCode(codes[1]!))));
    expect(await revokeVouchersAction({ batchId, voucherId: one!.id, reason: "Code leaked" })).toEqual({ ok: true, data: { count: 1, faceValue: "10.00" } });
    expect(await revokeVouchersAction({ batchId, voucherId: one!.id, reason: "Code leaked" })).toEqual({ ok: true, data: { count: 0, faceValue: "0.00" } });
    expect((await getVoucherBatch(db(), { batchId, now: clockNow() }))!.batch).toMatchObject({ unused: 2, revoked: 1 });
    const acct = await createAccount(db());
    expect(await redeemVoucher(db(), { accountId: acct, code: codes[1]!, userId: null, ip: ip() })).toEqual({ status: "refused", reason: "revoked" });
    expect(await redeemVoucher(db(), { accountId: acct, code: codes[2]!, userId: null, ip: ip() })).toMatchObject({ status: "redeemed" });
    const revoked = await records(one!.id, "voucher.revoked");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actorUserId: user.id, reason: "Code leaked", targetType: "voucher", data: { batchId, count: 1, faceValue: "10000000", codeHint: one!.codeHint } });
    expect(await db().select().from(auditLog).where(and(eq(auditLog.action, "voucher.revoked"), sql`${auditLog.data}->>'batchId' = ${batchId}`))).toHaveLength(1);
  });

  it("support staff and customers can neither issue nor revoke", async () => {
    const { batchId } = await batch({ count: 2 });
    const support = await createUser(db(), { staffRole: "support" });
    const customer = await createUser(db());
    const requestId = crypto.randomUUID();
    for (const who of [support.id, customer.id]) {
      session.uid = who;
      expect(await createVoucherBatchAction(form(requestId))).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await revokeVouchersAction({ batchId, reason: "Because" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await batchRows(requestId)).toHaveLength(0);
    expect((await getVoucherBatch(db(), { batchId, now: clockNow() }))!.batch.unused).toBe(2);
  });
});

describe("redeeming a code", () => {
  it(`of 20 concurrent redemptions of one code exactly one succeeds${onPostgres() ? " (parallel connections)" : ""}`, async () => {
    const { codes } = await batch({ face: dollars(25) });
    const accounts = await Promise.all(Array.from({ length: 20 }, () => createAccount(db())));
    const results = await Promise.all(accounts.map((accountId) => redeemVoucher(db(), { accountId, code: codes[0]!, userId: null, ip: ip() })));
    const won = results.filter((r) => r.status === "redeemed");
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === "refused" && r.reason === "used")).toHaveLength(19);
    const winner = accounts[results.findIndex((r) => r.status === "redeemed")]!;
    const voucherId = won[0]!.status === "redeemed" ? won[0]!.voucherId : "";
    // The face value went onto the ledger once, to the winner.
    expect(await voucherBalance(voucherId)).toBe(dollars(25));
    const issued = await db().select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, `voucher-redeem:${voucherId}`));
    expect(issued).toHaveLength(1);
    expect(issued[0]!.accountId).toBe(winner);
    const [row] = await db().select().from(vouchers).where(eq(vouchers.id, voucherId));
    expect(row!.accountId).toBe(winner);
    // Every loser's attempt is in the audit log.
    for (const a of accounts.filter((a) => a !== winner)) expect((await failures(a)).map((f) => (f.data as { reason: string }).reason)).toEqual(["used"]);
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("says clearly why a code does not work, and a voucher is not part of the balance", async () => {
    const { codes } = await batch({ count: 2, face: dollars(7) });
    const lapsed = await batch({ from: new Date("2020-01-01Z"), until: new Date("2021-01-01Z") });
    const a = await createAccount(db());
    const b = await createAccount(db());
    await topUp(db(), { accountId: a, amount: dollars(3), provider: "test", idempotencyKey: key("t"), actor: system });
    const before = await getBalances(db(), { accountId: a });
    const addr = ip();
    expect(await redeemVoucher(db(), { accountId: a, code: "NOPE-NOPE-NOPE-NOPE", userId: null, ip: addr })).toEqual({ status: "refused", reason: "invalid" });
    expect(await redeemVoucher(db(), { accountId: a, code: "x", userId: null, ip: addr })).toEqual({ status: "refused", reason: "invalid" });
    expect(await redeemVoucher(db(), { accountId: a, code: lapsed.codes[0]!, userId: null, ip: addr })).toEqual({ status: "refused", reason: "expired" });
    // Typed in lower case with spaces: the same code.
    const ok = await redeemVoucher(db(), { accountId: a, code: ` ${codes[0]!.toLowerCase().replace(/-/g, " ")} `, userId: null, ip: addr });
    expect(ok).toMatchObject({ status: "redeemed", faceValue: dollars(7) });
    expect(await redeemVoucher(db(), { accountId: a, code: codes[0]!, userId: null, ip: addr })).toMatchObject({ status: "refused", reason: "already_yours" });
    expect(await redeemVoucher(db(), { accountId: b, code: codes[0]!, userId: null, ip: addr })).toMatchObject({ status: "refused", reason: "used" });
    expect(await getBalances(db(), { accountId: a })).toEqual(before);
    expect((await failures(a)).map((f) => (f.data as { reason: string }).reason).sort()).toEqual(["already_yours", "expired", "invalid", "invalid"]);
    expect((await failures(a)).every((f) => f.ip === addr)).toBe(true);
    const list = await listAccountVouchers(db(), { accountId: a, now: clockNow() });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ tab: "available", faceValue: dollars(7), remaining: dollars(7), spent: 0n });
  });
});

describe("rate limiting", () => {
  const now = new Date("2031-05-05T10:20:00Z");

  it("stops guessing per account, even for a right code, until the window passes; the code is left untouched", async () => {
    const { codes } = await batch();
    const acct = await createAccount(db());
    for (let i = 0; i < REDEEM_LIMITS.perAccount.limit; i++) {
      expect(await redeemVoucher(db(), { accountId: acct, code: `WRONG-CODE-${i}`, userId: null, ip: ip(), now })).toMatchObject({ reason: "invalid" });
    }
    const blocked = await redeemVoucher(db(), { accountId: acct, code: codes[0]!, userId: null, ip: ip(), now });
    expect(blocked).toMatchObject({ status: "refused", reason: "rate_limited" });
    expect(blocked.status === "refused" && blocked.retryAfterSeconds).toBe(40 * 60);
    expect((await db().select().from(vouchers).where(eq(vouchers.codeHash, hashCode(codes[0]!))))[0]!.accountId).toBeNull();
    expect((await failures(acct)).filter((f) => (f.data as { reason: string }).reason === "rate_limited")).toHaveLength(1);
    const later = new Date(now.getTime() + H);
    expect(await redeemVoucher(db(), { accountId: acct, code: codes[0]!, userId: null, ip: ip(), now: later })).toMatchObject({ status: "redeemed" });
  });

  it("stops guessing per client address across accounts", async () => {
    const addr = ip();
    const { codes } = await batch();
    for (let i = 0; i < REDEEM_LIMITS.perIp.limit; i++) {
      const acct = await createAccount(db());
      expect(await redeemVoucher(db(), { accountId: acct, code: `WRONG-CODE-${i}`, userId: null, ip: addr, now })).toMatchObject({ reason: "invalid" });
    }
    const fresh = await createAccount(db());
    expect(await redeemVoucher(db(), { accountId: fresh, code: codes[0]!, userId: null, ip: addr, now })).toMatchObject({ reason: "rate_limited" });
    expect(await redeemVoucher(db(), { accountId: fresh, code: codes[0]!, userId: null, ip: ip(), now })).toMatchObject({ status: "redeemed" });
  });

  it("does not count codes that worked: a customer with many real codes redeems them all", async () => {
    const { codes } = await batch({ count: REDEEM_LIMITS.perAccount.limit + 5 });
    const acct = await createAccount(db());
    const addr = ip();
    for (const code of codes) expect(await redeemVoucher(db(), { accountId: acct, code, userId: null, ip: addr, now })).toMatchObject({ status: "redeemed" });
    expect(await listAccountVouchers(db(), { accountId: acct, now })).toHaveLength(codes.length);
  });
});

describe("validity and products", () => {
  it("is redeemable until the millisecond before valid_until; at valid_until it is expired, and its remainder leaves through the ledger", async () => {
    const T = new Date("2054-02-01T00:00:00Z");
    const { codes } = await batch({ count: 2, face: dollars(4), from: new Date("2054-01-01T00:00:00Z"), until: T });
    const acct = await createAccount(db());
    const atT = await redeemVoucher(db(), { accountId: acct, code: codes[1]!, userId: null, ip: ip(), now: T });
    expect(atT).toEqual({ status: "refused", reason: "expired" });
    const justBefore = await redeemVoucher(db(), { accountId: acct, code: codes[0]!, userId: null, ip: ip(), now: new Date(T.getTime() - 1) });
    expect(justBefore).toMatchObject({ status: "redeemed" });
    const voucherId = justBefore.status === "redeemed" ? justBefore.voucherId : "";

    expect((await listAccountVouchers(db(), { accountId: acct, now: new Date(T.getTime() - 1) }))[0]).toMatchObject({ tab: "available", expiringSoon: true });
    expect((await listAccountVouchers(db(), { accountId: acct, now: T }))[0]).toMatchObject({ tab: "expired", remaining: 0n });

    expect(await voucherExpiryJob(db(), { now: new Date(T.getTime() - 1), accountIds: [acct] })).toMatchObject({ expired: 0 });
    expect(await voucherExpiryJob(db(), { now: T, accountIds: [acct] })).toMatchObject({ expired: 1, amount: dollars(4) });
    expect(await voucherBalance(voucherId)).toBe(0n);
    expect((await db().select().from(vouchers).where(eq(vouchers.id, voucherId)))[0]!.status).toBe("expired");
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("never pays for another product; pays its own product, and shows where it was spent", async () => {
    const start = new Date("2055-03-01T00:00:00Z");
    const { acct, codes } = await fundedAccount(dollars(20), { face: dollars(1), productIds: ["test.cheap"], from: new Date("2055-01-01Z"), until: new Date("2056-01-01Z") });
    const r = await redeemVoucher(db(), { accountId: acct, code: codes[0]!, userId: null, ip: ip(), now: start });
    const voucherId = r.status === "redeemed" ? r.voucherId : "";
    const other = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: start });
    await runBilling(db(), { until: new Date(start.getTime() + 5 * H), accountIds: [acct] });
    const otherCharges = await db().select().from(charges).where(eq(charges.resourceId, other.resource.id));
    expect(otherCharges).toHaveLength(5);
    expect(otherCharges.every((c) => c.voucherPaid === 0n && c.cashPart === c.gross - c.discount)).toBe(true);
    expect(await voucherBalance(voucherId)).toBe(dollars(1));

    const mine = await activateResource(db(), { accountId: acct, productId: "test.cheap", quantity: 1, actor: system, idempotencyKey: key("a"), now: new Date(start.getTime() + 5 * H) });
    await runBilling(db(), { until: new Date(start.getTime() + 8 * H), accountIds: [acct] });
    const mineCharges = await db().select().from(charges).where(eq(charges.resourceId, mine.resource.id));
    expect(mineCharges).toHaveLength(3);
    expect(mineCharges.every((c) => c.voucherPaid === 3_333n && c.cashPart === 0n)).toBe(true);
    expect(await voucherBalance(voucherId)).toBe(dollars(1) - 3n * 3_333n);

    const spent = (await voucherSpending(db(), { accountId: acct, voucherId }))!;
    expect(spent.reduce((s, p) => s + p.amount, 0n)).toBe(3n * 3_333n);
    const linked = spent.flatMap((p) => p.charges);
    expect(linked.map((c) => c.resourceId)).toEqual([mine.resource.id, mine.resource.id, mine.resource.id]);
    expect((await listAccountVouchers(db(), { accountId: acct, now: start }))[0]).toMatchObject({ spent: 9_999n, remaining: dollars(1) - 9_999n });
    // Another account cannot read it.
    expect(await voucherSpending(db(), { accountId: await createAccount(db()), voucherId })).toBeNull();
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("never pays what the account owes: with the balance below zero it pays only new charges of its product", async () => {
    const start = new Date("2058-02-01T00:00:00Z");
    const { acct, codes } = await fundedAccount(dollars(1), { face: dollars(2), productIds: ["test.hourly"], from: new Date("2058-01-01Z"), until: new Date("2059-01-01Z") });
    const r = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: start });
    await chargeUsage(db(), { accountId: acct, amount: dollars(5), idempotencyKey: key("u"), actor: system, description: "usage before the voucher" });
    const owed = (await getBalances(db(), { accountId: acct })).balance;
    expect(owed).toBeLessThan(0n);
    const redeemed = await redeemVoucher(db(), { accountId: acct, code: codes[0]!, userId: null, ip: ip(), now: start });
    const voucherId = redeemed.status === "redeemed" ? redeemed.voucherId : "";
    // Redeeming offsets nothing.
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(owed);

    await runBilling(db(), { until: new Date(start.getTime() + 2 * H), accountIds: [acct] });
    const list = await db().select().from(charges).where(eq(charges.resourceId, r.resource.id));
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((c) => c.voucherPaid === c.gross - c.discount && c.cashPart === 0n)).toBe(true);
    const paid = list.reduce((s, c) => s + c.voucherPaid, 0n);
    expect(await voucherBalance(voucherId)).toBe(dollars(2) - paid);
    // The debt is still there, to the micro-dollar.
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(owed);
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("a voucher spent to its face value moves to used up", async () => {
    const start = new Date("2056-06-01T00:00:00Z");
    const { acct, codes } = await fundedAccount(dollars(20), { face: 100_000n, productIds: ["test.hourly"], from: new Date("2056-01-01Z"), until: new Date("2057-01-01Z") });
    await redeemVoucher(db(), { accountId: acct, code: codes[0]!, userId: null, ip: ip(), now: start });
    await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: start });
    await runBilling(db(), { until: new Date(start.getTime() + 3 * H), accountIds: [acct] });
    const [v] = await listAccountVouchers(db(), { accountId: acct, now: start });
    expect(v).toMatchObject({ tab: "used", remaining: 0n, spent: 100_000n });
    const paid = await db().execute(sql`select sum(voucher_paid)::bigint as paid from charges where account_id = ${acct}::uuid`);
    const rows = Array.isArray(paid) ? paid : (paid as unknown as { rows: { paid: string }[] }).rows;
    expect(BigInt(String((rows[0] as { paid: unknown }).paid))).toBe(100_000n);
  });
});
