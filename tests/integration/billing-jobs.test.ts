import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { charges, jobRuns, payments, paymentMethods } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { BILLING_CYCLE_JOB, billingCycleJob } from "@/lib/jobs/billing-cycle";
import { runPeriod, scopedJob } from "@/lib/jobs/job-runs";
import { setCreditLimit, topUp } from "@/lib/ledger";
import { TEST_CARDS, testToken } from "@/lib/payments/test-provider";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, staff, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;

beforeAll(async () => ensureCatalogue(db()));

describe("period-keyed jobs", () => {
  it("runs a period once, skips a second claim, and takes over a dead or failed one", async () => {
    const job = `test-${crypto.randomUUID()}`;
    const t = new Date("2031-01-01T00:05:00Z");
    let calls = 0;
    const work = async () => ++calls;
    expect(await runPeriod(db(), job, "p1", t, work)).toEqual({ ran: true, result: 1 });
    expect(await runPeriod(db(), job, "p1", t, work)).toEqual({ ran: false });
    // A crashed claim: 'running', its worker gone (no live lease): taken over at once, with the same clock.
    await db().insert(jobRuns).values({ job, periodKey: "p2", status: "running", startedAt: t, workerId: "gone:1" });
    expect(await runPeriod(db(), job, "p2", t, work)).toEqual({ ran: true, result: 2 });
    await expect(runPeriod(db(), job, "p3", t, async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect((await db().select().from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, "p3"))))[0]!.status).toBe("failed");
    expect(await runPeriod(db(), job, "p3", t, work)).toEqual({ ran: true, result: 3 });
  });

  it("the billing cycle charges up to the hour and attempts the overrun charge, once per period", async () => {
    const acct = await createAccount(db());
    await topUp(db(), { accountId: acct, amount: 100_000n, provider: "test", idempotencyKey: key("topup"), actor: system });
    await setCreditLimit(db(), { accountId: acct, creditLimit: 100_000n, reason: "test", actor: staff });
    await db().insert(paymentMethods).values({ accountId: acct, provider: "test", kind: "card", label: "Visa", brand: "visa", last4: "0002", providerToken: testToken(TEST_CARDS.declined), isDefault: true });
    const t0 = new Date("2032-03-01T10:00:00Z");
    const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: t0 });
    const now = new Date("2032-03-01T14:05:00Z");
    const r = await billingCycleJob(db(), { now, accountIds: [acct] });
    expect(r?.periodKey).toBe("2032-03-01T13:00:00.000Z");
    expect(r?.overruns.get(acct)).toMatchObject({ status: "declined" });
    expect(await billingCycleJob(db(), { now: new Date("2032-03-01T14:50:00Z"), accountIds: [acct] })).toBeNull();
    const list = await db().select().from(charges).where(eq(charges.resourceId, resource.id));
    expect(list).toHaveLength(4);
    expect(await db().select().from(payments).where(eq(payments.accountId, acct))).toHaveLength(1);
    const done = await db().select().from(jobRuns).where(and(eq(jobRuns.job, scopedJob(BILLING_CYCLE_JOB, [acct])), eq(jobRuns.periodKey, r!.periodKey)));
    expect(done[0]!.status).toBe("done");
  });
});
