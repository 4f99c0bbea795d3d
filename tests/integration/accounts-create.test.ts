import { and, count, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { accountBillingState, accounts, auditLog, billingSettings, emailOutbox, invitations, ledgerAccounts, memberships, users } from "@/db/schema";
import { createCustomerAccount, type CreateAccountInput } from "@/lib/accounts/create";
import type { OutgoingEmail } from "@/lib/email/transport";
import { atTime } from "@/lib/clock";
import { deliverEmails } from "@/lib/jobs/deliver-emails";
import { acceptAsNewUser } from "@/lib/members/invitation";
import { dollars } from "@/lib/money";
import { confirmWireTransfer, requestWireTransfer } from "@/lib/payments/top-up";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createUser } from "../fixtures/factories";

const h = useTestDb({ max: 12 });
const db = () => h().db;
const T0 = new Date("2026-11-20T10:00:00.000Z");
const uniq = () => crypto.randomUUID().slice(0, 8);

afterEach(() => {
  vi.unstubAllEnvs();
});

async function staff() {
  const u = await createUser(db(), { staffRole: "finance", name: "Sam Staff" });
  return { kind: "staff" as const, userId: u.id, name: u.name, ip: "203.0.113.7" };
}

const input = (over: Partial<CreateAccountInput> & { actor: CreateAccountInput["actor"] }): CreateAccountInput => ({
  name: `Initech ${uniq()}`,
  ownerEmail: `owner-${uniq()}@initech.example`,
  locale: "en",
  now: T0,
  ...over,
});

const tokenOf = (html: string) => /\/invite\/([A-Za-z0-9_-]{20,})/.exec(html)![1]!;

describe("createCustomerAccount", () => {
  it("creates an account ready to be billed, invites its owner in their language, and leaves one audit record", async () => {
    const actor = await staff();
    const r = await createCustomerAccount(db(), input({ name: "  Initech 中国  ", ownerEmail: " Li.Wei@Initech.example ", locale: "zh-CN", actor }));
    expect(r.replayed).toBe(false);
    expect(r.account).toMatchObject({ name: "Initech 中国", externalId: null });
    const accountId = r.account.id;

    const ledger = await db().select({ kind: ledgerAccounts.kind, balance: ledgerAccounts.balance }).from(ledgerAccounts).where(eq(ledgerAccounts.accountId, accountId));
    expect(ledger.map((l) => l.kind).sort()).toEqual(["cash", "frozen"]);
    expect(await db().select().from(billingSettings).where(eq(billingSettings.accountId, accountId))).toHaveLength(1);
    expect(await db().select().from(accountBillingState).where(eq(accountBillingState.accountId, accountId))).toHaveLength(1);
    expect(await getBalances(db(), { accountId })).toEqual({ available: 0n, balance: 0n, creditLimit: 0n, frozen: 0n });

    const [inv] = await db().select().from(invitations).where(eq(invitations.accountId, accountId));
    expect(inv).toMatchObject({ email: "li.wei@initech.example", role: "owner", invitedBy: actor.userId });
    expect(inv!.expiresAt.getTime() - T0.getTime()).toBe(7 * 86_400_000);
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.accountId, accountId));
    expect(mail).toMatchObject({ to: "li.wei@initech.example", locale: "zh-CN", template: "invitation", status: "pending" });
    expect(mail!.subject).toContain("Sam Staff");
    expect(mail!.subject).toContain("Initech 中国");
    expect(mail!.text).toContain("所有者");

    const records = await db().select().from(auditLog).where(eq(auditLog.accountId, accountId));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: "account.create", actorKind: "staff", actorUserId: actor.userId, targetId: accountId, ip: "203.0.113.7", data: { name: "Initech 中国", ownerEmail: "li.wei@initech.example", locale: "zh-CN" } });
  });

  it("the owner who accepts a 简体中文 invitation reads the console in 简体中文", async () => {
    const r = await createCustomerAccount(db(), input({ locale: "zh-CN", actor: await staff() }));
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.accountId, r.account.id));
    const joined = await atTime(new Date(T0.getTime() + 3_600_000), () => acceptAsNewUser(db(), { token: tokenOf(mail!.html), name: "Li Wei", password: "a long enough password" }));
    const [user] = await db().select({ locale: users.locale }).from(users).where(eq(users.email, joined.email));
    expect(user).toEqual({ locale: "zh-CN" });
  });

  it("a platform key's account names the platform as the inviter", async () => {
    vi.stubEnv("PLATFORM_NAME", "Nimbus Cloud");
    const r = await createCustomerAccount(db(), input({ externalId: `cus_${uniq()}`, actor: { kind: "api_key", keyId: crypto.randomUUID() } }));
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.accountId, r.account.id));
    expect(mail!.subject).toBe(`Nimbus Cloud invited you to ${r.account.name}`);
    const [inv] = await db().select().from(invitations).where(eq(invitations.accountId, r.account.id));
    expect(inv!.invitedBy).toBeNull();
    const [rec] = await db().select().from(auditLog).where(eq(auditLog.accountId, r.account.id));
    expect(rec).toMatchObject({ actorKind: "api_key", actorUserId: null, data: { externalId: r.account.externalId } });
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const actor = await staff();
    const before = (await db().select({ n: count() }).from(accounts))[0]!.n;
    const cases: [Partial<CreateAccountInput>, string][] = [
      [{ name: "   " }, "name"],
      [{ name: "x".repeat(121) }, "name"],
      [{ name: "Acme\nLtd" }, "name"],
      [{ name: "Acme\u0007" }, "name"],
      [{ name: "Acme\u202egnp.exe" }, "name"],
      [{ ownerEmail: "not-an-address" }, "ownerEmail"],
      [{ locale: "fr" as "en" }, "locale"],
      [{ externalId: "x".repeat(201) }, "externalId"],
      [{ externalId: "  " }, "externalId"],
    ];
    for (const [over, field] of cases) {
      const e = await createCustomerAccount(db(), input({ ...over, actor })).catch((x: unknown) => x);
      expect(e, JSON.stringify(over)).toMatchObject({ code: "VALIDATION", fieldErrors: { [field]: [expect.any(String)] } });
    }
    expect((await db().select({ n: count() }).from(accounts))[0]!.n).toBe(before);
    expect(await db().select().from(auditLog).where(and(eq(auditLog.action, "account.create"), eq(auditLog.actorUserId, actor.userId)))).toEqual([]);
  });

  it("a retry with the same externalId and terms answers the same account; other terms are IDEMPOTENCY_CONFLICT, changing nothing", async () => {
    const actor = { kind: "api_key" as const, keyId: crypto.randomUUID() };
    const first = input({ externalId: `cus_${uniq()}`, actor });
    const a = await createCustomerAccount(db(), first);
    // Other whitespace and case are the same request.
    const b = await createCustomerAccount(db(), { ...first, name: ` ${first.name} `, ownerEmail: first.ownerEmail.toUpperCase(), now: new Date(T0.getTime() + 60_000) });
    expect(b).toMatchObject({ replayed: true, account: { id: a.account.id } });
    for (const other of [{ name: "Another name" }, { ownerEmail: "someone-else@initech.example" }, { locale: "zh-CN" as const }]) {
      await expect(createCustomerAccount(db(), { ...first, ...other })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    }
    expect(await db().select().from(accounts).where(eq(accounts.externalId, first.externalId!))).toHaveLength(1);
    expect(await db().select().from(invitations).where(eq(invitations.accountId, a.account.id))).toHaveLength(1);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.accountId, a.account.id))).toHaveLength(1);
    expect(await db().select().from(auditLog).where(eq(auditLog.accountId, a.account.id))).toHaveLength(1);
  });

  it("a form submitted twice (same idempotency key) creates one account; the key with other terms is a conflict", async () => {
    const actor = await staff();
    const key = `console:${crypto.randomUUID()}`;
    const first = input({ idempotencyKey: key, actor });
    const a = await createCustomerAccount(db(), first);
    expect(await createCustomerAccount(db(), first)).toMatchObject({ replayed: true, account: { id: a.account.id } });
    await expect(createCustomerAccount(db(), { ...first, name: "Changed" })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    // Without a key or an externalId, each request is a new account.
    const c = await createCustomerAccount(db(), { ...first, idempotencyKey: undefined });
    expect(c.account.id).not.toBe(a.account.id);
  });

  it("10 racing requests with one externalId create one account, one invitation, one email and one audit record", async () => {
    const actor = { kind: "api_key" as const, keyId: crypto.randomUUID() };
    const req = input({ externalId: `cus_race_${uniq()}`, actor });
    const results = await Promise.all(Array.from({ length: 10 }, () => createCustomerAccount(db(), req)));
    const ids = new Set(results.map((r) => r.account.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const accountId = [...ids][0]!;
    expect(await db().select().from(accounts).where(eq(accounts.externalId, req.externalId!))).toHaveLength(1);
    expect(await db().select().from(invitations).where(eq(invitations.accountId, accountId))).toHaveLength(1);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.accountId, accountId))).toHaveLength(1);
    expect(await db().select().from(auditLog).where(eq(auditLog.accountId, accountId))).toHaveLength(1);
    if (onPostgres()) expect(results.filter((r) => r.replayed)).toHaveLength(9);
  });
});

describe("production mode (no demo data): a created account works end to end", () => {
  it("the invitation goes to the real email provider, the owner accepts as a new user and tops up by bank transfer", async () => {
    vi.stubEnv("BILLING_DEMO", "");
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    vi.stubEnv("PAYMENTS_TEST_PROVIDER", "");
    vi.stubEnv("RESEND_API_KEY", "re_test_production");
    const actor = await staff();
    const ownerEmail = `owner-${uniq()}@globex.example`;
    const { account } = await createCustomerAccount(db(), input({ name: "Globex Corporation", ownerEmail, locale: "en", actor }));

    // Delivered through a transport of the provider's kind: sent, not kept in the local mailbox.
    const sent: OutgoingEmail[] = [];
    const T1 = new Date(T0.getTime() + 3_600_000);
    // The outbox row is due from the database's own now(): the job runs a minute after the wall clock.
    await deliverEmails(db(), { now: new Date(Date.now() + 60_000), accountIds: [account.id], transport: { kind: "resend", send: async (e) => (sent.push(e), { ok: true, id: `msg_${sent.length}` }) } });
    const mine = sent.filter((e) => e.to === ownerEmail);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe("Sam Staff invited you to Globex Corporation");
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.to, ownerEmail));
    expect(row).toMatchObject({ status: "sent" });

    // The next day, within the invitation's 7 days.
    const joined = await atTime(T1, () => acceptAsNewUser(db(), { token: tokenOf(mine[0]!.html), name: "Hank Scorpio", password: "a long enough password" }));
    expect(joined).toEqual({ accountId: account.id, email: ownerEmail });
    const [owner] = await db().select().from(users).where(eq(users.email, ownerEmail));
    expect(await db().select({ role: memberships.role }).from(memberships).where(eq(memberships.accountId, account.id))).toEqual([{ role: "owner" }]);

    const payment = await requestWireTransfer(db(), { accountId: account.id, amount: dollars(250), requestId: crypto.randomUUID(), userId: owner!.id });
    const confirmed = await atTime(T1, () => confirmWireTransfer(db(), { paymentId: payment.id, received: dollars(250), reason: "Bank statement 2026-11-20", staffUserId: actor.userId }));
    expect(confirmed.credited).toBe(true);
    expect(await getBalances(db(), { accountId: account.id })).toMatchObject({ balance: dollars(250), available: dollars(250) });
  });
});
