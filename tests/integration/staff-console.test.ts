import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { auditLog, ledgerTransactions, staffApprovals } from "@/db/schema";
import { dollars } from "@/lib/money";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";

// The actions run as in Next.js, through staffAction; only the session and the request headers are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { setCreditLimitAction, postAdjustmentAction } = await import("@/lib/actions/staff/money");
const { approveRequestAction, rejectRequestAction } = await import("@/lib/actions/staff/approvals");

const h = useTestDb({ max: 6 });
const db = () => h().db;
const as = (userId: string | null) => (session.uid = userId);
const rid = () => crypto.randomUUID();

async function setup() {
  const { account, members } = await createAccount(db(), ["owner", "finance"]);
  const finance = await createUser(db(), { staffRole: "finance" });
  const finance2 = await createUser(db(), { staffRole: "finance" });
  const support = await createUser(db(), { staffRole: "support" });
  const audits = async (action?: string) =>
    db().select().from(auditLog).where(action ? and(eq(auditLog.accountId, account.id), eq(auditLog.action, action)) : eq(auditLog.accountId, account.id));
  const balances = () => getBalances(db(), { accountId: account.id });
  return { acct: account.id, members, finance, finance2, support, audits, balances };
}

/** Staff-finance asks for an adjustment above the four-eyes threshold: it waits for a second person. */
async function pendingAdjustment(s: Awaited<ReturnType<typeof setup>>, adjustment: { direction: string; amount: string; reason: string }) {
  as(s.finance.id);
  const r = await postAdjustmentAction({ accountId: s.acct, ...adjustment, requestId: rid() });
  expect(r).toMatchObject({ ok: true, data: { status: "pending" } });
  return (r as { data: { approvalId: string } }).data.approvalId;
}

describe("staff money actions", () => {
  it("staff-finance set a credit limit and post adjustments, each with exactly one audit record; a double submit posts once", async () => {
    const s = await setup();
    as(s.finance.id);
    expect(await setCreditLimitAction({ accountId: s.acct, creditLimit: "2500", reason: "Annual contract", requestId: rid() })).toMatchObject({
      ok: true,
      data: { status: "posted", before: "0.00", after: "2500.00" },
    });
    expect((await s.balances()).creditLimit).toBe(dollars(2500));
    expect(await s.audits("billing.credit_limit")).toHaveLength(1);
    expect((await s.audits("billing.credit_limit"))[0]).toMatchObject({ actorUserId: s.finance.id, actorKind: "staff", reason: "Annual contract" });

    const requestId = rid();
    const credit = { accountId: s.acct, direction: "credit", amount: "120.50", reason: "Outage credit", requestId };
    expect(await postAdjustmentAction(credit)).toMatchObject({ ok: true, data: { status: "posted", before: "0.00", after: "120.50" } });
    expect(await postAdjustmentAction(credit)).toMatchObject({ ok: true }); // the same form submitted twice
    expect((await s.balances()).balance).toBe(120_500_000n);
    expect(await s.audits("ledger.adjustment")).toHaveLength(1);

    expect(await postAdjustmentAction({ accountId: s.acct, direction: "debit", amount: "20.5", reason: "Correction", requestId: rid() })).toMatchObject({ ok: true });
    expect((await s.balances()).balance).toBe(dollars(100));
    expect(await s.audits("ledger.adjustment")).toHaveLength(2);
    expect(await s.audits()).toHaveLength(3);
  });

  it("a missing reason, a bad amount or an unknown account is refused and nothing changes", async () => {
    const s = await setup();
    as(s.finance.id);
    expect(await setCreditLimitAction({ accountId: s.acct, creditLimit: "100", reason: " ", requestId: rid() })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.money.errors.reason"] } });
    expect(await setCreditLimitAction({ accountId: s.acct, creditLimit: "-1", reason: "Because", requestId: rid() })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { creditLimit: ["staff.money.errors.creditLimit"] } });
    expect(await postAdjustmentAction({ accountId: s.acct, direction: "credit", amount: "0", reason: "Because", requestId: rid() })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: ["staff.money.errors.amount"] } });
    expect(await postAdjustmentAction({ accountId: s.acct, direction: "sideways", amount: "5", reason: "Because", requestId: rid() })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await postAdjustmentAction({ accountId: crypto.randomUUID(), direction: "credit", amount: "5", reason: "Because", requestId: rid() })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await s.audits()).toHaveLength(0);
    expect(await s.balances()).toMatchObject({ balance: 0n, creditLimit: 0n });
  });

  it("support staff, customers and the signed-out cannot change anything through any staff action (all 15 tried)", async () => {
    const s = await setup();
    const approvalId = await pendingAdjustment(s, { direction: "credit", amount: "50000", reason: "Migration credit" });
    const before = (await s.audits()).length;
    const { setDiscountAction } = await import("@/lib/actions/staff/set-discount");
    const { setProtectionAction } = await import("@/lib/actions/staff/set-protection");
    const { runJobAction } = await import("@/lib/actions/staff/run-job");
    const { resendEmail } = await import("@/lib/actions/staff/resend-email");
    const { createVoucherBatchAction } = await import("@/lib/actions/vouchers/create-batch");
    const { revokeVouchersAction } = await import("@/lib/actions/vouchers/revoke-vouchers");
    const { confirmWireAction, refundPaymentAction } = await import("@/lib/actions/payments/staff");
    const { countersignContractAction, returnContractAction, terminateContractAction } = await import("@/lib/actions/contracts/staff-steps");
    const someId = crypto.randomUUID(); // the permission is checked before anything is looked up
    for (const who of [s.support.id, s.members.owner.id, s.members.finance.id, null]) {
      as(who);
      const attempts = await Promise.all([
        setCreditLimitAction({ accountId: s.acct, creditLimit: "100", reason: "Because", requestId: rid() }),
        postAdjustmentAction({ accountId: s.acct, direction: "credit", amount: "5", reason: "Because", requestId: rid() }),
        approveRequestAction({ approvalId }),
        rejectRequestAction({ approvalId, note: "No thanks" }),
        setDiscountAction({ accountId: s.acct, productId: "", rate: "10", reason: "Because" }),
        setProtectionAction({ accountId: s.acct, hours: "0", reason: "Because" }),
        runJobAction({ job: "overdue" }),
        resendEmail({ id: someId }),
        createVoucherBatchAction({ count: "2", faceValue: "10", validFrom: "2030-01-01", validUntil: "2030-02-01", reason: "Because", requestId: rid() }),
        revokeVouchersAction({ batchId: someId, reason: "Because" }),
        confirmWireAction({ paymentId: someId, received: "10", reason: "Because" }),
        refundPaymentAction({ paymentId: someId, amount: "1", reason: "Because", requestId: rid() }),
        countersignContractAction({ contractId: someId, title: "CFO", reason: "Terms checked" }),
        returnContractAction({ contractId: someId, comment: "Fix it" }),
        terminateContractAction({ contractId: someId, comment: "End it" }),
      ]);
      expect(attempts).toHaveLength(15);
      for (const r of attempts) expect(r).toMatchObject({ ok: false, code: who ? "FORBIDDEN" : "UNAUTHENTICATED" });
    }
    expect(await s.audits()).toHaveLength(before);
    expect(await s.balances()).toMatchObject({ balance: 0n, creditLimit: 0n });
    expect((await db().select().from(staffApprovals).where(eq(staffApprovals.id, approvalId)))[0]!.status).toBe("pending");
  });
});

describe("four-eyes", () => {
  it("above the threshold a change waits; the requester cannot approve it; a second staff-finance member posts it once", async () => {
    const s = await setup();
    as(s.finance.id);
    const requestId = rid();
    const req = await setCreditLimitAction({ accountId: s.acct, creditLimit: "25000", reason: "Enterprise deal", requestId });
    expect(req).toMatchObject({ ok: true, data: { status: "pending", approvalId: requestId, before: "0.00", after: "25000.00" } });
    await setCreditLimitAction({ accountId: s.acct, creditLimit: "25000", reason: "Enterprise deal", requestId }); // double submit
    expect((await s.balances()).creditLimit).toBe(0n);
    expect(await s.audits("staff.approval.requested")).toHaveLength(1);
    expect(await s.audits("billing.credit_limit")).toHaveLength(0);

    expect(await approveRequestAction({ approvalId: requestId })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await s.balances()).creditLimit).toBe(0n);

    as(s.finance2.id);
    expect(await approveRequestAction({ approvalId: requestId, note: "Checked the contract" })).toMatchObject({ ok: true });
    expect(await approveRequestAction({ approvalId: requestId })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await rejectRequestAction({ approvalId: requestId, note: "Too late" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await s.balances()).creditLimit).toBe(dollars(25000));
    expect(await s.audits("staff.approval.approved")).toHaveLength(1);
    expect(await s.audits("billing.credit_limit")).toHaveLength(1);
    const [row] = await db().select().from(staffApprovals).where(eq(staffApprovals.id, requestId));
    expect(row).toMatchObject({ status: "approved", decidedByUserId: s.finance2.id, requestedByUserId: s.finance.id });
  });

  it("a rejected adjustment never posts; the database refuses a decision by the requester even straight at it", async () => {
    const s = await setup();
    const approvalId = await pendingAdjustment(s, { direction: "debit", amount: "10000.01", reason: "Chargeback" });
    await expect(
      db().update(staffApprovals).set({ status: "approved", decidedByUserId: s.finance.id, decidedAt: new Date() }).where(eq(staffApprovals.id, approvalId)),
    ).rejects.toThrow();
    as(s.finance2.id);
    expect(await rejectRequestAction({ approvalId, note: "x" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await rejectRequestAction({ approvalId, note: "Not agreed with the customer" })).toMatchObject({ ok: true });
    expect(await approveRequestAction({ approvalId })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await s.audits("staff.approval.rejected")).toHaveLength(1);
    expect(await s.audits("ledger.adjustment")).toHaveLength(0);
    expect((await s.balances()).balance).toBe(0n);
  });

  it("exactly at the threshold posts at once; the threshold comes from FOUR_EYES_THRESHOLD_USD", async () => {
    const s = await setup();
    as(s.finance.id);
    expect(await postAdjustmentAction({ accountId: s.acct, direction: "credit", amount: "10000", reason: "Goodwill", requestId: rid() })).toMatchObject({ ok: true, data: { status: "posted" } });
    vi.stubEnv("FOUR_EYES_THRESHOLD_USD", "100");
    try {
      expect(await postAdjustmentAction({ accountId: s.acct, direction: "credit", amount: "100.01", reason: "Goodwill", requestId: rid() })).toMatchObject({ ok: true, data: { status: "pending" } });
    } finally {
      vi.unstubAllEnvs();
    }
    expect((await s.balances()).balance).toBe(dollars(10000));
  });

  it.runIf(onPostgres())("approvers clicking at the same moment post the adjustment once", async () => {
    const s = await setup();
    const approvers = [s.finance2, await createUser(db(), { staffRole: "finance" }), await createUser(db(), { staffRole: "finance" })];
    const { postAdjustment, approveRequest } = await import("@/lib/staff/four-eyes");
    const req = await postAdjustment(db(), { requestId: rid(), accountId: s.acct, amount: dollars(20000), reason: "Big credit", actor: { userId: s.finance.id } });
    const approvalId = (req as { approvalId: string }).approvalId;
    const results = await Promise.allSettled(approvers.flatMap((a) => [approveRequest(db(), { approvalId, actor: { userId: a.id } }), approveRequest(db(), { approvalId, actor: { userId: a.id } })]));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await s.balances()).balance).toBe(dollars(20000));
    expect(await db().select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, `staff-approval:${approvalId}`))).toHaveLength(1);
    expect(await s.audits("staff.approval.approved")).toHaveLength(1);
    expect(await s.audits("ledger.adjustment")).toHaveLength(1);
  });
});

describe("runs and the audit log", () => {
  it("run now does the job's period once however often it is clicked, and each click is audited once", async () => {
    const s = await setup();
    const { runJobAction } = await import("@/lib/actions/staff/run-job");
    as(s.finance.id);
    const first = await runJobAction({ job: "overdue" });
    const second = await runJobAction({ job: "overdue" });
    expect(first).toMatchObject({ ok: true, data: { job: "overdue" } });
    expect(second).toMatchObject({ ok: true, data: { job: "overdue", ran: false } });
    expect(await runJobAction({ job: "email-delivery" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const runs = await db().select().from(auditLog).where(and(eq(auditLog.actorUserId, s.finance.id), eq(auditLog.action, "staff.job.run")));
    expect(runs).toHaveLength(2);
  });

  it("filters by actor, account, action and period, and exports the same records as CSV", async () => {
    const s = await setup();
    as(s.finance.id);
    await setCreditLimitAction({ accountId: s.acct, creditLimit: "300", reason: "Pilot, phase 1", requestId: rid() });
    await postAdjustmentAction({ accountId: s.acct, direction: "credit", amount: "5", reason: "=cmd() goodwill", requestId: rid() });
    as(s.finance2.id);
    await postAdjustmentAction({ accountId: s.acct, direction: "debit", amount: "1", reason: "Fee", requestId: rid() });
    const { listAudit } = await import("@/db/queries/staff-console");
    const { auditCsvLines } = await import("@/lib/staff/audit-csv");
    expect((await listAudit(db(), { accountId: s.acct, limit: 10 })).map((r) => r.action)).toEqual(["ledger.adjustment", "ledger.adjustment", "billing.credit_limit"]);
    expect(await listAudit(db(), { accountId: s.acct, actor: s.finance.email.toUpperCase(), limit: 10 })).toHaveLength(2);
    expect(await listAudit(db(), { accountId: s.acct, actor: s.finance2.id, limit: 10 })).toHaveLength(1);
    expect(await listAudit(db(), { accountId: s.acct, action: "billing.", limit: 10 })).toHaveLength(1);
    expect(await listAudit(db(), { accountId: s.acct, to: new Date("2000-01-01"), limit: 10 })).toHaveLength(0);
    const page1 = await listAudit(db(), { accountId: s.acct, limit: 2 });
    expect(await listAudit(db(), { accountId: s.acct, limit: 2, before: page1[1]!.id })).toHaveLength(1);

    const lines: string[] = [];
    for await (const l of auditCsvLines(db(), { accountId: s.acct, actor: s.finance.email })) lines.push(l);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Time \(UTC\),Actor kind,Actor,/);
    expect(lines[1]).toContain(`,staff,${s.finance.email},${s.acct},`);
    expect(lines[1]).toContain(",ledger.adjustment,");
    expect(lines[1]).toContain(",'=cmd() goodwill,"); // a formula is defused
    expect(lines[2]).toContain('"Pilot, phase 1"');
  });
});
