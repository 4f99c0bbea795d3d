import { and, asc, eq, gt, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { accountBillingState, apiKeys, auditLog, emailOutbox, paymentMethods } from "@/db/schema";
import { createAccount, createUser } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";

// The customers' own setting and permission changes, through their server actions as in
// Next.js; only the session, the request headers and the redirect are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid), signIn: async () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// Behind one reverse proxy, so the address in the records is the X-Forwarded-For above.
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
vi.mock("next/navigation", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/navigation")>()), redirect: () => {} }));

const { saveAlertSettingsAction } = await import("@/lib/actions/alerts/save-alert-settings");
const { rotateWebhookSecretAction } = await import("@/lib/actions/alerts/rotate-webhook-secret");
const { createApiKeyAction } = await import("@/lib/actions/api-keys/create-api-key");
const { revokeApiKeyAction } = await import("@/lib/actions/api-keys/revoke-api-key");
const { saveAutoRechargeAction } = await import("@/lib/actions/payments/auto-recharge");
const { addTestCardAction, markMethodAction, removeMethodAction } = await import("@/lib/actions/payments/methods");
const { saveBillingProfileAction } = await import("@/lib/actions/invoices/save-billing-profile");
const { inviteMemberAction } = await import("@/lib/actions/members/invite-member");
const { revokeInvitationAction } = await import("@/lib/actions/members/revoke-invitation");
const { acceptInvitationAction } = await import("@/lib/actions/members/accept-invitation");
const { changeRoleAction } = await import("@/lib/actions/members/change-role");
const { removeMemberAction } = await import("@/lib/actions/members/remove-member");
const { setProtectionAction } = await import("@/lib/actions/staff/set-protection");
const { saveBudgetAction } = await import("@/lib/actions/budgets/save-budget");
const { deleteBudgetAction } = await import("@/lib/actions/budgets/delete-budget");
const { createAccountAction } = await import("@/lib/actions/staff/create-account");

const h = useTestDb({ max: 4 });
const db = () => h().db;
const as = (userId: string | null) => (session.uid = userId);

describe("the audit log records every setting, permission and role change", () => {
  it("each change made through its action leaves exactly one record, by whom, from where; a refused one leaves none", async () => {
    const { account, members } = await createAccount(db(), ["owner"]);
    const accountId = account.id;
    const owner = members.owner;
    let seen = 0n;
    /** The records written since the last call, oldest first. */
    const newRecords = async () => {
      const rows = await db().select().from(auditLog).where(and(eq(auditLog.accountId, accountId), gt(auditLog.id, seen))).orderBy(asc(auditLog.id));
      if (rows.length) seen = rows.at(-1)!.id;
      return rows;
    };
    /** Runs one action and expects it to succeed with exactly one record of `action`. */
    const once = async (action: string, run: () => Promise<{ ok: boolean }>) => {
      const r = await run();
      expect(r, action).toMatchObject({ ok: true });
      const rows = await newRecords();
      expect(rows.map((x) => x.action), action).toEqual([action]);
      expect(rows[0], action).toMatchObject({ actorKind: "user", ip: "203.0.113.9" });
      return rows[0]!;
    };
    const refused = async (label: string, run: () => Promise<{ ok: boolean }>) => {
      expect(await run(), label).toMatchObject({ ok: false });
      expect(await newRecords(), label).toEqual([]);
    };

    as(owner.id);
    await refused("alert threshold not a number", () => saveAlertSettingsAction({ accountId, enabled: "on", threshold_0: "lots" }));
    const alerts = await once("alerts.update", () => saveAlertSettingsAction({ accountId, enabled: "on", threshold_0: "500", webhookUrl: "https://hooks.example/billing" }));
    expect(alerts.actorUserId).toBe(owner.id);
    await once("alerts.webhook_secret.rotate", () => rotateWebhookSecretAction({ accountId }));

    await refused("team info without a company name", () => saveBillingProfileAction({ accountId, companyName: "", address: "", country: "", taxId: "", billingEmail: "", invoiceLocale: "en", invoicesByEmail: "on" }));
    const profile = await once("billing_profile.update", () =>
      saveBillingProfileAction({ accountId, companyName: "Initech Ltd", address: "1 Road", country: "GB", taxId: "GB980780684", billingEmail: "ap@initech.example", invoiceLocale: "zh-CN", invoicesByEmail: "" }),
    );
    expect(profile.data).toMatchObject({ companyName: { to: "Initech Ltd" }, invoicesByEmail: { to: false } });

    await refused("API key without a name", () => createApiKeyAction({ accountId, name: " " }));
    await once("api_key.create", () => createApiKeyAction({ accountId, name: "CI" }));
    const [key] = await db().select().from(apiKeys).where(eq(apiKeys.accountId, accountId));
    await once("api_key.revoke", () => revokeApiKeyAction({ accountId, keyId: key!.id }));

    await refused("a card number the test provider does not know", () => addTestCardAction({ accountId, number: "4000 0000 0000 0001", expiry: "12/40", cvc: "123" }));
    await once("payment_method.add", () => addTestCardAction({ accountId, number: "4242 4242 4242 4242", expiry: "12/40", cvc: "123" }));
    await once("payment_method.add", () => addTestCardAction({ accountId, number: "4242 4242 4242 4242", expiry: "12/41", cvc: "123" }));
    const methods = await db().select().from(paymentMethods).where(eq(paymentMethods.accountId, accountId)).orderBy(asc(paymentMethods.createdAt));
    // Auto-recharge charges the default method, so it comes after one is saved.
    await refused("auto-recharge on day 31", () => saveAutoRechargeAction({ accountId, enabled: "on", amount: "100", dayOfMonth: "31" }));
    await once("auto_recharge.update", () => saveAutoRechargeAction({ accountId, enabled: "on", amount: "100", dayOfMonth: "5" }));

    await once("payment_method.default", () => markMethodAction({ accountId, methodId: methods.at(-1)!.id, role: "default" }));
    await once("payment_method.remove", () => removeMethodAction({ accountId, methodId: methods[0]!.id }));

    // Permissions and roles.
    await refused("an invitation to a malformed address", () => inviteMemberAction({ accountId, email: "not-an-address", role: "admin" }));
    await once("member.invite", () => inviteMemberAction({ accountId, email: "first@audit.example", role: "admin" }));
    const [firstInvite] = await db().select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, "member.invite")));
    await once("member.invitation_revoke", () => revokeInvitationAction({ accountId, invitationId: firstInvite!.targetId! }));

    const joiner = await createUser(db(), { email: `joiner-${crypto.randomUUID().slice(0, 8)}@audit.example` });
    await once("member.invite", () => inviteMemberAction({ accountId, email: joiner.email, role: "member" }));
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.to, joiner.email));
    const token = /\/invite\/([A-Za-z0-9_-]{20,})/.exec(mail!.html)![1]!;
    as(joiner.id);
    const joined = await once("member.join", () => acceptInvitationAction({ token }));
    expect(joined.actorUserId).toBe(joiner.id);
    await refused("a member changing roles", () => changeRoleAction({ accountId, userId: joiner.id, role: "owner" }));

    as(owner.id);
    const promoted = await once("member.role_change", () => changeRoleAction({ accountId, userId: joiner.id, role: "finance" }));
    expect(promoted.data).toMatchObject({ from: "member", to: "finance" });
    await once("member.remove", () => removeMemberAction({ accountId, userId: joiner.id }));
  });

  it("staff-finance setting an account's overdue protection leaves one staff record with the reason and before/after; refused input, support staff and a customer leave none", async () => {
    const { account, members } = await createAccount(db(), ["owner"]);
    const accountId = account.id;
    const finance = await createUser(db(), { staffRole: "finance" });
    const support = await createUser(db(), { staffRole: "support" });
    const records = () => db().select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, "billing.protection.set")));
    const stored = async () => (await db().select().from(accountBillingState).where(eq(accountBillingState.accountId, accountId)))[0]?.protectionHours ?? null;

    as(finance.id);
    expect(await setProtectionAction({ accountId, hours: "721", reason: "Agreed with the customer" })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { hours: [expect.stringContaining("0 to 720")] } });
    expect(await setProtectionAction({ accountId, hours: "two", reason: "Agreed with the customer" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await setProtectionAction({ accountId, hours: "48", reason: "x" })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.confirm.errors.reason"] } });
    for (const who of [support.id, members.owner.id]) {
      as(who);
      expect(await setProtectionAction({ accountId, hours: "48", reason: "Agreed with the customer" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await records()).toEqual([]);
    expect(await stored()).toBeNull();

    as(finance.id);
    expect(await setProtectionAction({ accountId, hours: " 48 ", reason: " Agreed with the customer " })).toEqual({ ok: true, data: { before: null, after: 48 } });
    expect(await stored()).toBe(48);
    expect(await setProtectionAction({ accountId, hours: "", reason: "Back to the product default" })).toEqual({ ok: true, data: { before: 48, after: null } });
    expect(await stored()).toBeNull();
    const rows = await records();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.reason === "Agreed with the customer")).toMatchObject({ actorUserId: finance.id, actorKind: "staff", ip: "203.0.113.9", targetId: accountId, data: { beforeHours: null, afterHours: 48 } });
  });

  it("staff-finance creating a customer account leaves one staff record on the new account; refused input, a double submit, support staff and a customer leave none", async () => {
    const finance = await createUser(db(), { staffRole: "finance" });
    const support = await createUser(db(), { staffRole: "support" });
    const { members } = await createAccount(db(), ["owner"]);
    const ownerEmail = `owner-${crypto.randomUUID().slice(0, 8)}@audit.example`;
    const byEmail = () => db().select().from(auditLog).where(and(eq(auditLog.action, "account.create"), sql`${auditLog.data}->>'ownerEmail' = ${ownerEmail}`));
    const form = { name: "Audit Industries", ownerEmail, locale: "zh-CN", requestId: crypto.randomUUID() };

    as(finance.id);
    expect(await createAccountAction({ ...form, name: "" })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: [expect.any(String)] } });
    as(support.id);
    expect(await createAccountAction(form)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    as(members.owner.id);
    expect(await createAccountAction(form)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await byEmail()).toEqual([]);

    as(finance.id);
    const made = await createAccountAction(form);
    expect(made).toMatchObject({ ok: true, data: { name: "Audit Industries", ownerEmail, replayed: false } });
    expect(await createAccountAction(form)).toMatchObject({ ok: true, data: { replayed: true } });
    const rows = await byEmail();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: finance.id, actorKind: "staff", ip: "203.0.113.9", targetType: "account", accountId: made.ok ? made.data.id : "", data: { name: "Audit Industries", locale: "zh-CN" } });
  });

  it("a finance member's budget changes leave one record each with what changed; refused ones leave none", async () => {
    const { account, members } = await createAccount(db(), ["owner", "finance", "member"]);
    const accountId = account.id;
    const records = async () => (await db().select().from(auditLog).where(and(eq(auditLog.accountId, accountId), sql`${auditLog.action} like 'budget.%'`)).orderBy(asc(auditLog.id)));
    const form = { name: "Compute", amount: "500", scope: "tag", tagKey: "team", tagValue: "ml", threshold_0_percent: "80", threshold_0_kind: "actual", threshold_1_percent: "100", threshold_1_kind: "forecast" };

    as(members.member.id);
    expect(await saveBudgetAction({ accountId, ...form })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    as(members.finance.id);
    expect(await saveBudgetAction({ accountId, ...form, amount: "-5" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await records()).toEqual([]);

    const made = await saveBudgetAction({ accountId, ...form });
    expect(made).toMatchObject({ ok: true });
    const budgetId = made.ok ? made.data.id : "";
    await saveBudgetAction({ accountId, budgetId, ...form, amount: "750" });
    await deleteBudgetAction({ accountId, budgetId });
    const rows = await records();
    expect(rows.map((r) => r.action)).toEqual(["budget.create", "budget.update", "budget.delete"]);
    for (const r of rows) expect(r).toMatchObject({ actorUserId: members.finance.id, actorKind: "user", ip: "203.0.113.9", targetType: "budget", targetId: budgetId });
    expect(rows[0]!.data).toMatchObject({ name: "Compute", amount: "500000000", scope: { kind: "tag", key: "team", value: "ml" }, thresholds: ["80% actual", "100% forecast"] });
    expect(rows[1]!.data).toMatchObject({ before: { amount: "500000000" }, after: { amount: "750000000" } });
  });
});
