import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, emailOutbox, invitations, memberships, users } from "@/db/schema";
import { issueRequestedLinks, requestMagicLink } from "@/lib/auth/sign-in";
import { changeRole, inviteMember, removeMember } from "@/lib/members/manage";
import { setUserAccess } from "@/lib/staff/user-access";
import { createAccount, createUser } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";

// Callers that used a plain db.transaction now go through withTx: a transaction PostgreSQL
// rolls back with a serialization failure or a deadlock is run again, once, instead of
// failing the user's request. The database here fails each caller's first commit with 40001
// after its body has run, as PostgreSQL does when a concurrent transaction wins.
const h = useTestDb();

/** The test database, whose next `times` top-level transactions run their body and then fail with `code`. */
function failingFirst(db: Db, code: "40001" | "40P01", times = 1): { db: Db; attempts: () => number } {
  let attempts = 0;
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "transaction") return Reflect.get(target, prop, receiver);
      return (fn: (tx: unknown) => Promise<unknown>, config?: unknown) => {
        const attempt = ++attempts;
        return target.transaction(async (tx) => {
          const result = await fn(tx);
          if (attempt <= times) throw Object.assign(new Error(code === "40001" ? "could not serialize access due to concurrent update" : "deadlock detected"), { code });
          return result;
        }, config as never);
      };
    },
  });
  return { db: proxy, attempts: () => attempts };
}

const actor = (u: { id: string; name: string }, role: "owner" | "admin") => ({ userId: u.id, name: u.name, role, ip: null });

describe("member, sign-in and staff transactions are retried on a serialization failure or deadlock", () => {
  it("an invitation, a role change and a removal each take effect once, with one audit record and one email", async () => {
    const { account, members } = await createAccount(h().db, ["owner", "admin", "member"]);
    const email = `retry-${crypto.randomUUID().slice(0, 8)}@test.example`;

    const invite = failingFirst(h().db, "40001");
    await inviteMember(invite.db, actor(members.owner, "owner"), { accountId: account.id, email, role: "finance" });
    expect(invite.attempts()).toBe(2);
    expect(await h().db.select({ email: invitations.email }).from(invitations).where(eq(invitations.accountId, account.id))).toEqual([{ email }]);
    expect(await h().db.select({ to: emailOutbox.to }).from(emailOutbox).where(eq(emailOutbox.to, email))).toEqual([{ to: email }]);

    const role = failingFirst(h().db, "40P01");
    await changeRole(role.db, actor(members.owner, "owner"), { accountId: account.id, userId: members.member.id, role: "finance" });
    expect(role.attempts()).toBe(2);
    expect(await h().db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.accountId, account.id), eq(memberships.userId, members.member.id)))).toEqual([{ role: "finance" }]);

    await removeMember(failingFirst(h().db, "40001").db, actor(members.owner, "owner"), { accountId: account.id, userId: members.admin.id });
    expect(await h().db.select().from(memberships).where(and(eq(memberships.accountId, account.id), eq(memberships.userId, members.admin.id)))).toEqual([]);

    const actions = (await h().db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.accountId, account.id))).map((r) => r.action).sort();
    expect(actions).toEqual(["member.invite", "member.remove", "member.role_change"]);
  });

  it("a staff member disabling a user, and a queued sign-in link, survive a failed first commit", async () => {
    const { account, members } = await createAccount(h().db, ["owner", "member"]);
    const staff = await createUser(h().db, { staffRole: "support" });
    const r = await setUserAccess(failingFirst(h().db, "40001").db, { accountId: account.id, userId: members.member.id, disabled: true, reason: "Reported as compromised", actor: { userId: staff.id, ip: null } });
    expect(r).toMatchObject({ changed: true });
    expect(await h().db.select({ disabled: users.disabled }).from(users).where(eq(users.id, members.member.id))).toEqual([{ disabled: true }]);
    expect(await h().db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, members.member.id))).toEqual([{ action: "staff.user.disable" }]);

    // A time of this test's own, so the sign-in limits' windows of earlier runs on a shared database do not apply.
    const now = new Date(Date.UTC(2042, 0, 1) + Math.floor(Math.random() * 1e6) * 86_400_000);
    expect(await requestMagicLink(h().db, { email: members.owner.email, ip: null, now })).toEqual({ rateLimited: false });
    const links = failingFirst(h().db, "40P01");
    const issued = await issueRequestedLinks(links.db, { now });
    expect(links.attempts()).toBe(2);
    // Counted once, though the body ran twice. The tick issues every pending request, so on
    // the shared PostgreSQL database other files' requests count too (and their ticks may take
    // this one or hold it a moment, SKIP LOCKED): there, wait for the email instead.
    if (!process.env.DATABASE_URL) expect(issued.issued).toBe(1);
    const mails = () => h().db.select({ template: emailOutbox.template }).from(emailOutbox).where(eq(emailOutbox.to, members.owner.email));
    for (let i = 0; i < 100 && (await mails()).length === 0; i++) {
      await issueRequestedLinks(h().db, { now });
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await mails()).toEqual([{ template: "magic-link" }]);
  });

  it("gives up after the last try, leaving nothing behind", async () => {
    const { account, members } = await createAccount(h().db, ["owner"]);
    const email = `never-${crypto.randomUUID().slice(0, 8)}@test.example`;
    const always = failingFirst(h().db, "40001", 99);
    await expect(inviteMember(always.db, actor(members.owner, "owner"), { accountId: account.id, email, role: "member" })).rejects.toMatchObject({ code: "40001" });
    expect(always.attempts()).toBe(4);
    expect(await h().db.select().from(invitations).where(eq(invitations.accountId, account.id))).toEqual([]);
  });
});
