import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listMembers } from "@/db/queries/memberships";
import { auditLog, emailOutbox, memberships } from "@/db/schema";
import { changeRole, inviteMember, removeMember } from "@/lib/members/manage";
import { acceptAsNewUser, acceptInvitation, findOpenInvitation } from "@/lib/members/invitation";
import { createAccount, createUser } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";

const h = useTestDb({ max: 10 });
const actor = (u: { id: string; name: string }, role: "owner" | "admin" | "finance" | "member") => ({ userId: u.id, name: u.name, role });

function tokenFrom(html: string): string {
  const m = html.match(/\/invite\/([A-Za-z0-9_-]{20,})/);
  if (!m) throw new Error("no invitation link in the email");
  return m[1]!;
}

describe("members", () => {
  it("invites by email; the invitee creates a sign-in and joins with the offered role", async () => {
    const db = h().db;
    const { account, members } = await createAccount(db, ["owner"]);
    const email = `new-${crypto.randomUUID().slice(0, 6)}@test.example`;
    await inviteMember(db, actor(members.owner, "owner"), { accountId: account.id, email, role: "finance" });

    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
    expect(mail!.subject).toContain(account.name);
    const token = tokenFrom(mail!.html);
    expect((await findOpenInvitation(db, token))?.role).toBe("finance");

    await acceptAsNewUser(db, { token, name: "New Person", password: "long enough password" });
    const list = await listMembers(db, { accountId: account.id });
    expect(list.find((m) => m.email === email)?.role).toBe("finance");
    // Used once: the link is dead now.
    expect(await findOpenInvitation(db, token)).toBeNull();
    await expect(acceptAsNewUser(db, { token, name: "Again", password: "long enough password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an invitation can only be accepted by the user it was sent to", async () => {
    const db = h().db;
    const { account, members } = await createAccount(db, ["owner"]);
    const invitee = await createUser(db);
    const stranger = await createUser(db);
    await inviteMember(db, actor(members.owner, "owner"), { accountId: account.id, email: invitee.email, role: "member" });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, invitee.email));
    const token = tokenFrom(mail!.html);
    await expect(acceptInvitation(db, { token, userId: stranger.id, email: stranger.email })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listMembers(db, { accountId: account.id })).some((m) => m.userId === stranger.id)).toBe(false);
  });

  it("refuses to invite an existing member, and an admin cannot create an owner", async () => {
    const db = h().db;
    const { account, members } = await createAccount(db, ["owner", "admin"]);
    await expect(inviteMember(db, actor(members.owner, "owner"), { accountId: account.id, email: members.admin.email.toUpperCase(), role: "member" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(inviteMember(db, actor(members.admin, "admin"), { accountId: account.id, email: "x@test.example", role: "owner" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("never removes or demotes the last owner, and audits each change", async () => {
    const db = h().db;
    const { account, members } = await createAccount(db, ["owner", "admin", "member"]);
    await expect(removeMember(db, actor(members.owner, "owner"), { accountId: account.id, userId: members.owner.id })).rejects.toMatchObject({ code: "LAST_OWNER" });
    await expect(changeRole(db, actor(members.owner, "owner"), { accountId: account.id, userId: members.owner.id, role: "admin" })).rejects.toMatchObject({ code: "LAST_OWNER" });
    await expect(removeMember(db, actor(members.admin, "admin"), { accountId: account.id, userId: members.owner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await changeRole(db, actor(members.owner, "owner"), { accountId: account.id, userId: members.member.id, role: "finance" });
    await removeMember(db, actor(members.admin, "admin"), { accountId: account.id, userId: members.member.id });
    const audits = await db.select().from(auditLog).where(eq(auditLog.accountId, account.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["member.remove", "member.role_change"]);
  });

  it("two owners demoting each other at once leave exactly one owner", async () => {
    const db = h().db;
    const { account, members } = await createAccount(db, ["owner"]);
    const second = await createUser(db);
    await db.insert(memberships).values({ accountId: account.id, userId: second.id, role: "owner" });
    const results = await Promise.allSettled([
      changeRole(db, actor(members.owner, "owner"), { accountId: account.id, userId: second.id, role: "admin" }),
      changeRole(db, actor(second, "owner"), { accountId: account.id, userId: members.owner.id, role: "admin" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const owners = await db.select().from(memberships).where(and(eq(memberships.accountId, account.id), eq(memberships.role, "owner")));
    expect(owners).toHaveLength(1);
  });
});
