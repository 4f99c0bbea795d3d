import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { auditLog, billingEvents, budgetNotifications, budgets, emailOutbox, users } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { runBilling } from "@/lib/billing/run";
import { createBudget, deleteBudget, getBudget, listBudgets, updateBudget } from "@/lib/budgets/manage";
import { budgetState } from "@/lib/budgets/state";
import type { BudgetValues } from "@/lib/budgets/validation";
import { envelopeSchema } from "@/lib/events/catalogue";
import { evaluateBudget } from "@/lib/budgets/evaluate";
import { BUDGETS_CHUNK, budgetsJob } from "@/lib/jobs/budgets";
import { atTime } from "@/lib/clock";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";
import { key, system } from "../fixtures/ledger";

// The server actions read the session and request headers; here the session is whoever the test says.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { saveBudgetAction } = await import("@/lib/actions/budgets/save-budget");
const { deleteBudgetAction } = await import("@/lib/actions/budgets/delete-budget");

const handle = useTestDb({ max: 6 });
const db = () => handle().db;
const t = (iso: string) => new Date(iso);
const H = 3_600_000;

beforeAll(async () => ensureCatalogue(db()));

/** An account with $5,000, an owner, an admin, a finance member (reading 简体中文) and a plain member. */
async function setup() {
  const { account, members } = await createAccount(db());
  await db().update(users).set({ locale: "zh-CN" }).where(eq(users.id, members.finance.id));
  await topUp(db(), { accountId: account.id, amount: dollars(5000), provider: "test", idempotencyKey: key("topup"), actor: system });
  const acct = account.id;
  const mails = async () =>
    (await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, acct), eq(emailOutbox.template, "budget-threshold")))).map((e) => ({ to: e.to.split("-")[0]!, locale: e.locale, subject: e.subject, text: e.text }));
  const events = async () => (await db().select().from(billingEvents).where(and(eq(billingEvents.accountId, acct), eq(billingEvents.type, "budget.threshold_crossed")))).map((e) => JSON.parse(e.body));
  const run = (iso: string) => budgetsJob(db(), { now: t(iso), accountIds: [acct] });
  const bill = (iso: string) => atTime(t(iso), () => runBilling(db(), { until: t(iso), accountIds: [acct] }));
  /** Bills as the hourly job does, a day at a time, so each day's cost is recorded on that day. */
  const billDaily = async (fromIso: string, toIso: string) => {
    for (let at = t(fromIso).getTime(); at <= t(toIso).getTime(); at += 24 * H) await bill(new Date(at).toISOString());
  };
  const activate = (productId: string, iso: string, tags?: Record<string, string>) =>
    activateResource(db(), { accountId: acct, productId, quantity: 1, tags, actor: system, idempotencyKey: key("r"), now: t(iso) });
  const budget = (v: Partial<BudgetValues>) =>
    createBudget(db(), { name: "Monthly", amount: dollars(10), scope: { kind: "all" }, thresholds: [{ percent: 80, kind: "actual" }], ...v, accountId: acct, userId: members.finance.id });
  return { acct, members, mails, events, run, bill, billDaily, activate, budget };
}

describe("budget thresholds", () => {
  it("80 % of actual spend crossed: one email to each owner, admin and finance member in their language, one signed event; a rerun and the next hours send nothing", async () => {
    const s = await setup();
    // $0.06 an hour from March 1: $7.92 after 132 hours (79.2 % of $10), $8.04 after 134.
    await s.activate("test.hourly", "2027-03-01T00:00:00Z");
    const { id } = await s.budget({ name: "Everything", amount: dollars(10) });
    await s.bill("2027-03-06T12:00:00Z");
    expect(await s.run("2027-03-06T12:50:00Z")).toMatchObject({ budgets: 1, notified: 0 });
    const before = await budgetState(db(), await getBudget(db(), { accountId: s.acct, budgetId: id }), t("2027-03-06T12:50:00Z"));
    expect(before).toMatchObject({ month: "2027-03", spend: 7_920_000n, percent: 79, thresholds: [{ percent: 80, kind: "actual", crossed: false, notifiedAt: null }] });
    expect(await s.mails()).toEqual([]);

    await s.bill("2027-03-06T14:00:00Z");
    expect(await s.run("2027-03-06T14:50:00Z")).toMatchObject({ budgets: 1, notified: 1, emails: 3, events: 1 });
    const mails = await s.mails();
    expect(mails.map((m) => `${m.to} ${m.locale}`).sort()).toEqual(["admin en", "finance zh-CN", "owner en"]);
    const en = mails.find((m) => m.to === "owner")!;
    expect(en.subject).toMatch(/^Budget “Everything” of Test account .+: 80 % of actual spend reached$/);
    expect(en.text).toContain("(Everything) is $8.04 for March 2027: 80 % of its $10.00.");
    expect(en.text).toContain(`/a/${s.acct}/billing/budgets`);
    const zh = mails.find((m) => m.to === "finance")!;
    expect(zh.subject).toContain("已达到实际支出的 80%");
    expect(zh.text).toContain("2027年3月 的净支出为 US$8.04，已达到预算 US$10.00 的 80%。");

    const [event, ...more] = await s.events();
    expect(more).toEqual([]);
    expect(envelopeSchema("budget.threshold_crossed").parse(event)).toMatchObject({
      type: "budget.threshold_crossed",
      apiVersion: 1,
      accountId: s.acct,
      data: {
        budget: { id, name: "Everything", amount: { micros: "10000000" }, basis: "net", scope: { kind: "all" } },
        threshold: { percent: 80, kind: "actual" },
        month: "2027-03",
        amount: { amount: "8.040000" },
        spend: { micros: "8040000" },
      },
    });

    // The same hour again is already done; later hours find the crossing notified.
    expect(await s.run("2027-03-06T14:55:00Z")).toBeNull();
    await s.bill("2027-03-06T16:00:00Z");
    expect(await s.run("2027-03-06T16:50:00Z")).toMatchObject({ notified: 0, emails: 0 });
    expect(await evaluateBudget(db(), id, t("2027-03-06T16:55:00Z"))).toEqual({ notified: 0, emails: 0, events: 0 });
    expect((await s.mails()).length).toBe(3);
    expect((await s.events()).length).toBe(1);
  });

  it("a forecast threshold is crossed when the month is forecast to end over it, before actual spend gets there", async () => {
    const s = await setup();
    await s.activate("test.hourly", "2027-04-01T00:00:00Z");
    await s.billDaily("2027-04-02T00:00:00Z", "2027-04-09T00:00:00Z");
    await s.bill("2027-04-09T12:00:00Z");
    // $1.44 a day: $12.24 to date, forecast $12.24 + 21.5 days × $1.44 = $43.20.
    const { id } = await s.budget({ name: "Forecast", amount: dollars(40), thresholds: [{ percent: 80, kind: "actual" }, { percent: 100, kind: "forecast" }] });
    const state = await budgetState(db(), await getBudget(db(), { accountId: s.acct, budgetId: id }), t("2027-04-09T12:00:00Z"));
    expect(state.spend).toBe(dollars(12) + 240_000n);
    expect(state.forecast).toBe(dollars(43) + 200_000n);
    expect(state.thresholds.map((x) => `${x.percent} ${x.kind} ${x.crossed}`)).toEqual(["80 actual false", "100 forecast true"]);

    expect(await s.run("2027-04-09T12:00:00Z")).toMatchObject({ notified: 1, emails: 3, events: 1 });
    const owner = (await s.mails()).find((m) => m.to === "owner")!;
    expect(owner.subject).toContain("100 % of forecast spend reached");
    expect(owner.text).toContain("is forecast to reach $43.20 for April 2027: 100 % of its $40.00. Spent so far: $12.24.");
    const [event] = await s.events();
    expect(event.data).toMatchObject({ threshold: { percent: 100, kind: "forecast" }, amount: { amount: "43.200000" }, spend: { amount: "12.240000" }, forecast: { amount: "43.200000" } });
  });

  it("a budget of one product or one tag value counts only that product's or that tag's charges", async () => {
    const s = await setup();
    // test.hourly at $0.06 tagged team:ml, test.cheap at $0.003333 untagged, both from May 1.
    await s.activate("test.hourly", "2027-05-01T00:00:00Z", { team: "ml" });
    await s.activate("test.cheap", "2027-05-01T00:00:00Z");
    await s.bill("2027-05-03T00:00:00Z");
    const cheap = await s.budget({ name: "Cheap", amount: dollars(1), scope: { kind: "product", productId: "test.cheap" }, thresholds: [{ percent: 10, kind: "actual" }] });
    const ml = await s.budget({ name: "ML", amount: dollars(4), scope: { kind: "tag", key: "team", value: "ml" }, thresholds: [{ percent: 50, kind: "actual" }] });
    const web = await s.budget({ name: "Web", amount: dollars(1), scope: { kind: "tag", key: "team", value: "web" }, thresholds: [{ percent: 1, kind: "actual" }] });
    const at = t("2027-05-03T00:50:00Z");
    const spend = async (id: string) => (await budgetState(db(), await getBudget(db(), { accountId: s.acct, budgetId: id }), at)).spend;
    expect(await spend(ml.id)).toBe(60_000n * 48n);
    expect(await spend(cheap.id)).toBe(3_333n * 48n);
    expect(await spend(web.id)).toBe(0n);

    expect(await s.run(at.toISOString())).toMatchObject({ budgets: 3, notified: 2, events: 2 });
    const crossed = (await s.events()).map((e) => `${e.data.budget.name} ${JSON.stringify(e.data.budget.scope)}`).sort();
    expect(crossed).toEqual(['Cheap {"kind":"product","productId":"test.cheap"}', 'ML {"kind":"tag","key":"team","value":"ml"}']);
    // The product's name in each recipient's language.
    const mails = await s.mails();
    expect(mails.find((m) => m.to === "owner" && m.subject.includes("Cheap"))!.text).toMatch(/\(Product: [^)]+\)/);
    expect(mails.find((m) => m.to === "finance" && m.subject.includes("Cheap"))!.text).toMatch(/（产品：[^）]+）/);
  });

  it("spend falling back under a notified threshold (a raised budget, a refund) and rising again sends nothing more that month; the next month it can send again", async () => {
    const s = await setup();
    await s.activate("test.hourly", "2027-06-01T00:00:00Z");
    await s.bill("2027-06-06T00:00:00Z");
    // $7.20 spent: over 80 % of $5.
    const { id } = await s.budget({ name: "Bouncy", amount: dollars(5) });
    expect(await s.run("2027-06-06T00:50:00Z")).toMatchObject({ notified: 1 });
    const values = { name: "Bouncy", scope: { kind: "all" as const }, thresholds: [{ percent: 80, kind: "actual" as const }], accountId: s.acct, budgetId: id, userId: s.members.finance.id };
    await updateBudget(db(), { ...values, amount: dollars(100) });
    const under = await budgetState(db(), await getBudget(db(), { accountId: s.acct, budgetId: id }), t("2027-06-06T01:50:00Z"));
    expect(under.thresholds[0]).toMatchObject({ crossed: false, notifiedAt: t("2027-06-06T00:50:00Z") });
    expect(await s.run("2027-06-06T01:50:00Z")).toMatchObject({ notified: 0 });
    await updateBudget(db(), { ...values, amount: dollars(5) });
    expect(await s.run("2027-06-06T02:50:00Z")).toMatchObject({ notified: 0, emails: 0 });
    expect((await s.mails()).length).toBe(3);

    // July: a month of its own.
    await s.bill("2027-07-04T00:00:00Z");
    expect(await s.run("2027-07-04T00:50:00Z")).toMatchObject({ notified: 1, emails: 3 });
    const months = await db().select({ month: budgetNotifications.month }).from(budgetNotifications).where(eq(budgetNotifications.budgetId, id));
    expect(months.map((m) => m.month).sort()).toEqual(["2027-06", "2027-07"]);
  });

  it("budgets never block spending: an account far over its budget still activates, and a deleted budget is no longer checked", async () => {
    const s = await setup();
    await s.activate("test.hourly", "2027-08-01T00:00:00Z");
    await s.bill("2027-08-10T00:00:00Z");
    const { id } = await s.budget({ name: "Tiny", amount: dollars(1), thresholds: [{ percent: 100, kind: "actual" }, { percent: 1000, kind: "actual" }] });
    expect(await s.run("2027-08-10T00:50:00Z")).toMatchObject({ notified: 2 });
    const again = await s.activate("test.hourly", "2027-08-10T01:00:00Z");
    expect(again.resource.status).toBe("running");

    await deleteBudget(db(), { accountId: s.acct, budgetId: id, userId: s.members.finance.id });
    expect(await listBudgets(db(), { accountId: s.acct })).toEqual([]);
    expect(await s.run("2027-08-10T02:50:00Z")).toMatchObject({ budgets: 0 });
  });

  it("a budget saved already past a threshold warns as it is saved, without waiting for the hourly job; the job then sends nothing more", async () => {
    const s = await setup();
    await s.activate("test.hourly", "2027-09-01T00:00:00Z");
    await s.bill("2027-09-03T00:00:00Z");
    session.uid = s.members.finance.id;
    // $2.88 spent so far against a $1 budget warning at 80 %.
    const saved = await atTime(t("2027-09-03T00:10:00Z"), () =>
      saveBudgetAction({ accountId: s.acct, name: "Tiny", amount: "1", scope: "all", threshold_0_percent: "80", threshold_0_kind: "actual" }),
    );
    expect(saved).toMatchObject({ ok: true, data: { created: true } });
    expect((await s.mails()).map((m) => m.to).sort()).toEqual(["admin", "finance", "owner"]);
    expect(await s.events()).toHaveLength(1);
    expect(await s.run("2027-09-03T00:50:00Z")).toMatchObject({ notified: 0, emails: 0 });
  });

  it("another account's budget is not found: not listed, not read, not changed or deleted through the actions", async () => {
    const mine = await setup();
    const theirs = await setup();
    const { id } = await theirs.budget({ name: "Theirs" });
    expect(await listBudgets(db(), { accountId: mine.acct })).toEqual([]);
    await expect(getBudget(db(), { accountId: mine.acct, budgetId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    session.uid = mine.members.finance.id;
    const form = { name: "Mine now", amount: "1", scope: "all", threshold_0_percent: "50", threshold_0_kind: "actual" };
    expect(await saveBudgetAction({ accountId: mine.acct, budgetId: id, ...form })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deleteBudgetAction({ accountId: mine.acct, budgetId: id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // Their account itself, as a stranger: not found either.
    expect(await saveBudgetAction({ accountId: theirs.acct, ...form })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const [row] = await db().select().from(budgets).where(eq(budgets.id, id));
    expect(row).toMatchObject({ name: "Theirs", amount: dollars(10), deletedAt: null });

    // A plain member may not set budgets; bad input is refused with the field named and nothing written.
    session.uid = mine.members.member.id;
    expect(await saveBudgetAction({ accountId: mine.acct, ...form })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.uid = mine.members.finance.id;
    const bad = await saveBudgetAction({ accountId: mine.acct, ...form, amount: "0", scope: "tag", tagKey: " team", threshold_0_percent: "1001" });
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: ["budgets.errors.amount"], tagKey: ["budgets.errors.tagKey"], threshold_0_percent: ["budgets.errors.percent"] } });
    const dupe = await saveBudgetAction({ accountId: mine.acct, ...form, threshold_1_percent: "50", threshold_1_kind: "actual" });
    expect(dupe).toMatchObject({ ok: false, fieldErrors: { threshold_1_percent: ["budgets.errors.duplicate"] } });
    const noProduct = await saveBudgetAction({ accountId: mine.acct, ...form, scope: "product", productId: "no.such.product" });
    expect(noProduct).toMatchObject({ ok: false, fieldErrors: { productId: ["budgets.errors.product"] } });
    expect(await listBudgets(db(), { accountId: mine.acct })).toEqual([]);
    expect(await db().select().from(auditLog).where(and(eq(auditLog.accountId, mine.acct), sql`${auditLog.action} like 'budget.%'`))).toEqual([]);

    const ok = await saveBudgetAction({ accountId: mine.acct, ...form });
    expect(ok).toMatchObject({ ok: true, data: { created: true } });
    const [b] = await listBudgets(db(), { accountId: mine.acct });
    expect(b).toMatchObject({ name: "Mine now", amount: dollars(1), scope: { kind: "all" }, thresholds: [{ percent: 50, kind: "actual" }] });
  });
});

describe.skipIf(!onPostgres())("budgets on PostgreSQL", () => {
  const fleet: string[] = [];
  afterAll(async () => {
    if (fleet.length) await db().execute(sql`update budgets set deleted_at = now() where account_id = any(${sql.param(fleet)}::uuid[])`);
  });

  it("two job instances on their own connections at once send each crossing once", async () => {
    const s = await setup();
    const other = await setup();
    await s.activate("test.hourly", "2027-09-01T00:00:00Z");
    await s.bill("2027-09-06T00:00:00Z");
    for (let i = 0; i < 5; i++) await s.budget({ name: `Twin ${i}`, amount: dollars(5), thresholds: [{ percent: 50, kind: "actual" }, { percent: 100, kind: "actual" }] });
    const a = openDatabase({ url: process.env.DATABASE_URL!, max: 3 });
    const b = openDatabase({ url: process.env.DATABASE_URL!, max: 3 });
    try {
      const now = t("2027-09-06T00:50:00Z");
      // Two runs whose scopes overlap on this account (so neither waits for the other's period claim), and two bare evaluations.
      const [one, two] = await Promise.all([
        budgetsJob(a.db, { now, accountIds: [s.acct] }),
        budgetsJob(b.db, { now, accountIds: [s.acct, other.acct] }),
        ...(await listBudgets(db(), { accountId: s.acct })).map((x, i) => evaluateBudget(i % 2 ? a.db : b.db, x.id, now)),
      ]);
      expect(one!.budgets + two!.budgets).toBe(10);
    } finally {
      await a.close();
      await b.close();
    }
    expect((await s.events()).length).toBe(10);
    expect((await s.mails()).length).toBe(30);
    const n = await db().select({ n: sql<number>`count(*)::int` }).from(budgetNotifications).where(eq(budgetNotifications.accountId, s.acct));
    expect(n[0]!.n).toBe(10);
  });

  it(`a fleet of budgets built by bulk SQL is checked ${BUDGETS_CHUNK} at a time: each statement the same size however many budgets`, async () => {
    await ensureCatalogue(db());
    const ACCOUNTS = 150;
    const PER = 3;
    const label = `budgets fleet ${crypto.randomUUID().slice(0, 8)}`;
    const accounts = (await rowsOf(db(), sql`insert into accounts (name) select ${label} || ' ' || g from generate_series(1, ${ACCOUNTS}::int) g returning id`)).map((r) => String(r.id));
    fleet.push(...accounts);
    const ids = sql`${sql.param(accounts)}::uuid[]`;
    // $12 of charges on Oct 2 for each account, and budgets of $10 (crossed at 80 %), $100 and $1,000 (not).
    await db().execute(sql`insert into daily_costs (account_id, day, product_id, gross, discount, voucher_paid, cash_paid, items)
      select a, '2027-10-02', 'test.hourly', 12000000, 0, 0, 12000000, 1 from unnest(${ids}) a`);
    await db().execute(sql`insert into budgets (account_id, name, amount, scope)
      select a, 'Fleet ' || i, (10 ^ i)::bigint * 1000000, 'all' from unnest(${ids}) a, generate_series(1, ${PER}::int) i`);
    await db().execute(sql`insert into budget_thresholds (budget_id, percent, kind)
      select b.id, 80, 'actual' from budgets b where b.account_id = any(${ids})`);

    // Every statement the job sends outside a budget's own transaction, with its parameters.
    const client = (db() as unknown as { $client: { unsafe: (q: string, p?: unknown[], o?: unknown) => unknown } }).$client;
    const seen: { query: string; params: number; longest: number }[] = [];
    const unsafe = client.unsafe;
    client.unsafe = (q, p, o) => {
      if (/from "budgets"/.test(q)) seen.push({ query: q, params: p?.length ?? 0, longest: Math.max(0, ...(p ?? []).map((x) => String(x).length)) });
      return unsafe.call(client, q, p, o);
    };
    let result;
    try {
      result = await budgetsJob(db(), { now: t("2027-10-02T10:50:00Z"), accountIds: accounts });
    } finally {
      client.unsafe = unsafe;
    }
    expect(result).toMatchObject({ budgets: ACCOUNTS * PER, notified: ACCOUNTS, events: ACCOUNTS, failed: 0 });
    // ceil(450 / 200) chunk reads, each with the same parameters (the scope, the cursor, the limit).
    expect(seen.length).toBe(Math.ceil((ACCOUNTS * PER) / BUDGETS_CHUNK));
    expect(new Set(seen.map((x) => x.query)).size).toBe(1);
    expect(new Set(seen.map((x) => x.params)).size).toBe(1);
    const [row] = await rowsOf(db(), sql`select count(*)::int n from budget_notifications where account_id = any(${ids})`);
    expect(Number(row!.n)).toBe(ACCOUNTS);
    expect(await budgetsJob(db(), { now: t("2027-10-02T11:50:00Z"), accountIds: accounts })).toMatchObject({ budgets: ACCOUNTS * PER, notified: 0 });
  });
});
