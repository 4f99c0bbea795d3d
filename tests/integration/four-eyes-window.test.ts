import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { billingProfiles, contractEvents, contracts, staffApprovals, staffChanges } from "@/db/schema";
import { atTime } from "@/lib/clock";
import { contractsJob } from "@/lib/contracts/job";
import { countersignContract, createContract, signContract, submitContract, type ContractActor } from "@/lib/contracts/flow";
import { ContractFormSchema } from "@/lib/contracts/input";
import { setCreditLimit } from "@/lib/ledger";
import { dollars, parseMoney } from "@/lib/money";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";

// The domain functions the staff actions call (lib/actions/staff/money.ts, approvals.ts only parse input and check the role).
const { approveRequest, changeCreditLimit, postAdjustment, rejectRequest } = await import("@/lib/staff/four-eyes");

const h = useTestDb({ max: 8 });
const db = () => h().db;
let me = "";
const as = (userId: string) => (me = userId);
const rid = () => crypto.randomUUID();

// The app clock, set: the window is rolling 24 hours from whatever time it is.
const T0 = new Date("2026-03-10T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const H = 60;

async function setup() {
  const { account, members } = await createAccount(db(), ["owner", "finance"]);
  const alice = await createUser(db(), { staffRole: "finance", name: "Alice Finance" });
  const bob = await createUser(db(), { staffRole: "finance", name: "Bob Finance" });
  const balances = () => getBalances(db(), { accountId: account.id });
  return { acct: account.id, account, members, alice, bob, balances };
}

const limit = (s: { acct: string }, to: string, minutes: number) =>
  atTime(at(minutes), () => changeCreditLimit(db(), { accountId: s.acct, creditLimit: parseMoney(to, { allowZero: true }), reason: "Customer asked for more headroom", requestId: rid(), actor: { userId: me } }));
const adjust = (s: { acct: string }, direction: "credit" | "debit", amount: string, minutes: number) =>
  atTime(at(minutes), () => postAdjustment(db(), { accountId: s.acct, amount: (direction === "debit" ? -1n : 1n) * parseMoney(amount), reason: "Service credit", requestId: rid(), actor: { userId: me } }));
const approve = (approvalId: string, minutes: number) => atTime(at(minutes), () => approveRequest(db(), { approvalId, note: "Checked", actor: { userId: me } }));
const reject = (approvalId: string, minutes: number) => atTime(at(minutes), () => rejectRequest(db(), { approvalId, note: "Not agreed with the customer", actor: { userId: me } }));

describe("four-eyes over a rolling 24 hours", () => {
  it("two $10,000 credit-limit steps from $1,000: the first takes effect, the second waits (and says why); 24 h + 1 min later a step goes through alone", async () => {
    const s = await setup();
    await setCreditLimit(db(), { accountId: s.acct, creditLimit: dollars(1000), reason: "Opening limit", actor: { kind: "system" } });
    as(s.alice.id);
    expect(await limit(s, "11000", 0)).toMatchObject({ status: "posted", before: dollars(1000), after: dollars(11000), earlier: dollars(0) });
    const second = await limit(s, "21000", 0);
    expect(second).toMatchObject({ status: "pending", before: dollars(11000), after: dollars(21000), earlier: dollars(10000) });
    expect((await s.balances()).creditLimit).toBe(dollars(11000));
    // Still inside the window a minute before it ends: even $1 more waits.
    const late = await limit(s, "11001", 24 * H - 1);
    expect(late).toMatchObject({ status: "pending", earlier: dollars(20000) });
    // Another staff member's own changes are theirs, not Alice's; Bob turns the $1 down (a rejected request no longer counts).
    as(s.bob.id);
    expect(await limit(s, "12000", 10)).toMatchObject({ status: "posted", earlier: dollars(0) });
    await reject((late as { approvalId: string }).approvalId, 24 * H);
    // 24 hours and a minute after the first two, Alice's new step is alone in her window again.
    as(s.alice.id);
    expect(await limit(s, "22000", 24 * H + 1)).toMatchObject({ status: "posted", before: dollars(12000), after: dollars(22000), earlier: dollars(0) });
    expect((await s.balances()).creditLimit).toBe(dollars(22000));
    // The request that waited is still Alice's: she cannot approve it, Bob can.
    const approvalId = (second as { approvalId: string }).approvalId;
    await expect(approve(approvalId, 24 * H + 2)).rejects.toMatchObject({ code: "FORBIDDEN" });
    as(s.bob.id);
    await approve(approvalId, 24 * H + 3);
    expect((await s.balances()).creditLimit).toBe(dollars(21000));
  });

  it("adjustments are counted the same way and apart from credit limits; a waiting request counts, a rejected one does not", async () => {
    const s = await setup();
    as(s.alice.id);
    expect(await limit(s, "10000", 0)).toMatchObject({ status: "posted" });
    expect(await adjust(s, "credit", "10000", 1)).toMatchObject({ status: "posted", earlier: dollars(0) }); // limits do not count here
    expect(await adjust(s, "debit", "0.01", 2)).toMatchObject({ status: "pending", earlier: dollars(10000) }); // a debit counts by its size
    expect((await s.balances()).balance).toBe(dollars(10000));
    expect(await adjust(s, "credit", "10000", 24 * H + 3)).toMatchObject({ status: "posted", earlier: dollars(0) }); // the first two have left the window
    expect((await s.balances()).balance).toBe(dollars(20000));

    // Bob: a large request waits on its own, and while it waits even a small one waits with it.
    as(s.bob.id);
    const big = await adjust(s, "credit", "15000", 30 * H);
    expect(big).toMatchObject({ status: "pending", earlier: dollars(0) });
    expect(await adjust(s, "credit", "5", 30 * H + 1)).toMatchObject({ status: "pending", earlier: dollars(15000) });
    as(s.alice.id);
    await reject((big as { approvalId: string }).approvalId, 30 * H + 2);
    as(s.bob.id);
    expect(await adjust(s, "credit", "5", 30 * H + 3)).toMatchObject({ status: "posted", earlier: dollars(5) }); // his waiting $5 still counts
    expect((await s.balances()).balance).toBe(dollars(20005));
  });

  it("a form sent again replays what it did: no second posting, no approval request for a change that already took effect", async () => {
    const s = await setup();
    as(s.alice.id);
    const input = { accountId: s.acct, amount: dollars(6000), reason: "Refund of the outage", requestId: rid(), actor: { userId: me } };
    expect(await atTime(at(0), () => postAdjustment(db(), input))).toMatchObject({ status: "posted" });
    expect(await atTime(at(1), () => postAdjustment(db(), input))).toMatchObject({ status: "posted", earlier: dollars(0) });
    expect((await s.balances()).balance).toBe(dollars(6000));
    expect(await db().select().from(staffApprovals).where(eq(staffApprovals.accountId, s.acct))).toHaveLength(0);
    expect(await db().select().from(staffChanges).where(eq(staffChanges.accountId, s.acct))).toHaveLength(1);
  });

  it("five $3,000 credits sent at the same moment by one person: three take effect ($9,000), two wait", async () => {
    const s = await setup();
    const results = await atTime(at(0), () =>
      Promise.all(Array.from({ length: 5 }, () => postAdjustment(db(), { requestId: rid(), accountId: s.acct, amount: dollars(3000), reason: "Goodwill", actor: { userId: s.alice.id } }))),
    );
    expect(results.filter((r) => r.status === "posted")).toHaveLength(3);
    expect(results.filter((r) => r.status === "pending")).toHaveLength(2);
    expect((await s.balances()).balance).toBe(dollars(9000));
    expect(await db().select().from(staffApprovals).where(and(eq(staffApprovals.accountId, s.acct), eq(staffApprovals.status, "pending")))).toHaveLength(2);
  });

  it.runIf(onPostgres())("two requests at once that together cross the threshold, on PostgreSQL: exactly one waits, every time", async () => {
    for (let round = 0; round < 5; round++) {
      const s = await setup();
      const results = await atTime(at(0), () =>
        Promise.all([dollars(6000), dollars(-5000)].map((amount) => postAdjustment(db(), { requestId: rid(), accountId: s.acct, amount, reason: "Correction", actor: { userId: s.alice.id } }))),
      );
      expect(results.map((r) => r.status).sort()).toEqual(["pending", "posted"]);
    }
  });
});

describe("a credit agreement raising the limit past the threshold", () => {
  const TODAY = T0.toISOString().slice(0, 10);
  async function signedCreditAgreement(s: Awaited<ReturnType<typeof setup>>, creditLimit: string) {
    await db().insert(billingProfiles).values({ accountId: s.acct, companyName: "Acme Corp", address: "1 Road", country: "US", taxId: "US-1" });
    const customer: ContractActor = { kind: "user", userId: s.members.finance.id, name: s.members.finance.name, ip: "203.0.113.7" };
    const countersigner: ContractActor = { kind: "staff", userId: s.alice.id, name: s.alice.name, ip: "10.0.0.2" };
    const form = ContractFormSchema.parse({ kind: "credit_agreement", locale: "en", startsOn: TODAY, endsOn: "2027-03-09", creditLimit, paymentTermsDays: "30" });
    return atTime(at(0), async () => {
      const c = await createContract(db(), { accountId: s.acct, form, actor: customer });
      await submitContract(db(), { accountId: s.acct, contractId: c.id, actor: customer });
      await countersignContract(db(), { contractId: c.id, title: "Finance Manager", reason: "Credit application approved", actor: countersigner });
      return signContract(db(), { accountId: s.acct, contractId: c.id, fullName: "Wile E. Coyote", title: "CEO", consent: true, actor: customer });
    });
  }
  const timeline = async (id: string) => (await db().select().from(contractEvents).where(eq(contractEvents.contractId, id)).orderBy(contractEvents.at, contractEvents.id)).map((e) => e.action);

  it("waits for a second staff-finance member who is neither the countersigner nor the signer; approving activates it and sets the limit", async () => {
    const s = await setup();
    const c = await signedCreditAgreement(s, "25000");
    expect(c.status).toBe("signed");
    expect(await timeline(c.id)).toContain("await_approval");
    expect((await s.balances()).creditLimit).toBe(0n);
    const [req] = await db().select().from(staffApprovals).where(eq(staffApprovals.contractId, c.id));
    expect(req).toMatchObject({ status: "pending", kind: "credit_limit", amount: dollars(25000), before: 0n, requestedByUserId: s.alice.id });

    // The daily job finds it still waiting: no second request, not activated.
    expect(await atTime(at(H), () => contractsJob(db(), { now: at(H), accountIds: [s.acct] }))).toMatchObject({ activated: 0 });
    expect(await db().select().from(staffApprovals).where(eq(staffApprovals.contractId, c.id))).toHaveLength(1);

    // The countersigner cannot approve, through the action or straight at the database; nor can the customer's signer.
    as(s.alice.id);
    await expect(approve(req!.id, 2)).rejects.toMatchObject({ code: "FORBIDDEN" });
    as(s.members.finance.id); // the customer's signer (not staff at all: the action would refuse them; the domain refuses too)
    await expect(approve(req!.id, 2)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(db().update(staffApprovals).set({ status: "approved", decidedByUserId: s.alice.id, decidedAt: at(2) }).where(eq(staffApprovals.id, req!.id))).rejects.toThrow();
    await expect(db().update(staffApprovals).set({ status: "approved", decidedByUserId: s.members.finance.id, decidedAt: at(2) }).where(eq(staffApprovals.id, req!.id))).rejects.toThrow();
    expect((await db().select().from(contracts).where(eq(contracts.id, c.id)))[0]!.status).toBe("signed");

    as(s.bob.id);
    await approve(req!.id, 2 * H);
    const [after] = await db().select().from(contracts).where(eq(contracts.id, c.id));
    expect(after).toMatchObject({ status: "active", previousCreditLimit: "0" });
    expect((await s.balances()).creditLimit).toBe(dollars(25000));
    const [activation] = await db().select().from(contractEvents).where(and(eq(contractEvents.contractId, c.id), eq(contractEvents.action, "activate")));
    expect(activation).toMatchObject({ actorKind: "staff", actorUserId: s.bob.id, actorName: "Bob Finance" });
  });

  it("counts the countersigner's own earlier changes: $6,000 set by hand, then a $6,000 raise by contract, waits; turned down it stays signed", async () => {
    const s = await setup();
    as(s.alice.id);
    expect(await limit(s, "6000", -60)).toMatchObject({ status: "posted" });
    const c = await signedCreditAgreement(s, "12000");
    expect(c.status).toBe("signed");
    as(s.bob.id);
    const [req] = await db().select().from(staffApprovals).where(eq(staffApprovals.contractId, c.id));
    await reject(req!.id, H);
    expect(await timeline(c.id)).toEqual(expect.arrayContaining(["await_approval", "approval_rejected"]));
    expect((await db().select().from(contracts).where(eq(contracts.id, c.id)))[0]!.status).toBe("signed");
    expect((await s.balances()).creditLimit).toBe(dollars(6000));
  });

  it("a raise within the threshold takes effect at signature, and counts as the countersigner's change", async () => {
    const s = await setup();
    const c = await signedCreditAgreement(s, "8000");
    expect(c.status).toBe("active");
    expect((await s.balances()).creditLimit).toBe(dollars(8000));
    as(s.alice.id);
    expect(await limit(s, "10001", 5)).toMatchObject({ status: "pending", earlier: dollars(8000) });
  });
});
