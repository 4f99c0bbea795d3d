import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { accountDiscounts, apiKeys, auditLog, autoRechargeSettings, billingProfiles, billingSettings, resources } from "@/db/schema";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";

// Names other people read and whole-number fields, through their server actions as in
// Next.js: each bad value is refused with the field's message and writes nothing.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid), signIn: async () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createApiKeyAction } = await import("@/lib/actions/api-keys/create-api-key");
const { saveBillingProfileAction } = await import("@/lib/actions/invoices/save-billing-profile");
const { activateResourceAction } = await import("@/lib/actions/resources/activate-resource");
const { saveAutoRechargeAction } = await import("@/lib/actions/payments/auto-recharge");
const { setCreditLimitAction, postAdjustmentAction } = await import("@/lib/actions/staff/money");
const { setDiscountAction } = await import("@/lib/actions/staff/set-discount");
const { approveRequestAction } = await import("@/lib/actions/staff/approvals");
const { setAccountDiscount } = await import("@/lib/billing/discounts");

const h = useTestDb();
const db = () => h().db;

/** Text that reads as "Acmeexe.png" but is something else: each bidirectional control in turn. */
const SPOOFS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"].map((c) => `Acme${c}gnp.exe`);
const NOT_WHOLE = ["1e3", "0x10", "1.0", " 12", "+5", "١٢", "", "-1"];

describe("fields others read refuse bidirectional controls, and integer fields take digits only", () => {
  it("API key names and team info: refused with nothing written; the plain name is saved", async () => {
    const { account, members } = await createAccount(db(), ["owner"]);
    session.uid = members.owner.id;
    const profile = { accountId: account.id, address: "1 Road", country: "GB", taxId: "GB980780684", billingEmail: "", invoiceLocale: "en", invoicesByEmail: "" };
    for (const name of SPOOFS) {
      expect(await createApiKeyAction({ accountId: account.id, name }), JSON.stringify(name)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: ["validation.plainText"] } });
      expect(await saveBillingProfileAction({ ...profile, companyName: name }), JSON.stringify(name)).toMatchObject({ ok: false, code: "VALIDATION" });
    }
    expect(await db().select().from(apiKeys).where(eq(apiKeys.accountId, account.id))).toEqual([]);
    expect(await db().select().from(billingProfiles).where(eq(billingProfiles.accountId, account.id))).toEqual([]);

    expect(await createApiKeyAction({ accountId: account.id, name: "ci runner" })).toMatchObject({ ok: true });
    expect(await saveBillingProfileAction({ ...profile, companyName: "Acme gnp.exe" })).toMatchObject({ ok: true });
  });

  it("resource quantities and the auto-recharge day: refused with nothing written; digits are taken", async () => {
    await ensureCatalogue(db());
    const { account, members } = await createAccount(db(), ["owner"]);
    session.uid = members.owner.id;
    await topUp(db(), { accountId: account.id, amount: dollars(1000), provider: "test", idempotencyKey: `field-rules:${account.id}`, actor: { kind: "system" } });
    for (const quantity of NOT_WHOLE) {
      const r = await activateResourceAction({ accountId: account.id, productId: "test.hourly", quantity, requestId: crypto.randomUUID() });
      expect(r, JSON.stringify(quantity)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { quantity: ["validation.wholeNumber"] } });
      const day = await saveAutoRechargeAction({ accountId: account.id, enabled: "", amount: "100", dayOfMonth: quantity });
      expect(day, JSON.stringify(quantity)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { dayOfMonth: ["payments.errors.day"] } });
    }
    expect(await db().select().from(resources).where(eq(resources.accountId, account.id))).toEqual([]);
    expect(await db().select().from(autoRechargeSettings).where(eq(autoRechargeSettings.accountId, account.id))).toEqual([]);

    expect(await activateResourceAction({ accountId: account.id, productId: "test.hourly", quantity: "2", requestId: crypto.randomUUID() })).toMatchObject({ ok: true });
    expect(await saveAutoRechargeAction({ accountId: account.id, enabled: "", amount: "100", dayOfMonth: "12" })).toMatchObject({ ok: true });
    expect(await db().select({ quantity: resources.quantity }).from(resources).where(eq(resources.accountId, account.id))).toEqual([{ quantity: 2n }]);
  });

  it("a staff reason, which the audit log keeps: refused with nothing changed; the plain reason is taken", async () => {
    const { account } = await createAccount(db(), ["owner"]);
    const staff = await createUser(db(), { staffRole: "finance" });
    session.uid = staff.id;
    for (const reason of SPOOFS.map((s) => `Raised for ${s}`)) {
      const limit = await setCreditLimitAction({ accountId: account.id, creditLimit: "50", reason, requestId: crypto.randomUUID() });
      expect(limit, JSON.stringify(reason)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.money.errors.plainText"] } });
      const adj = await postAdjustmentAction({ accountId: account.id, direction: "credit", amount: "5", reason, requestId: crypto.randomUUID() });
      expect(adj, JSON.stringify(reason)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.money.errors.plainText"] } });
    }
    expect(await db().select().from(billingSettings).where(eq(billingSettings.accountId, account.id))).toEqual([]);
    expect(await db().select().from(auditLog).where(eq(auditLog.accountId, account.id))).toEqual([]);

    expect(await setCreditLimitAction({ accountId: account.id, creditLimit: "50", reason: "Raised for Acme gnp.exe", requestId: crypto.randomUUID() })).toMatchObject({ ok: true });
    expect(await db().select({ creditLimit: billingSettings.creditLimit }).from(billingSettings).where(eq(billingSettings.accountId, account.id))).toEqual([{ creditLimit: 50_000_000n }]);
  });

  it("a discount's reason and an approval's note, which the audit log keeps: refused with nothing changed", async () => {
    await ensureCatalogue(db());
    const { account } = await createAccount(db(), ["owner"]);
    const staff = await createUser(db(), { staffRole: "finance" });
    session.uid = staff.id;
    const actor = { kind: "staff" as const, userId: staff.id };
    for (const reason of SPOOFS.map((s) => `Agreed with ${s}`)) {
      for (const productId of ["", "test.hourly"]) {
        const r = await setDiscountAction({ accountId: account.id, productId, rate: "10", reason });
        expect(r, JSON.stringify(reason)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.confirm.errors.plainText"] } });
      }
      // The domain function (the seed and other callers reach it without the action's schema) refuses it too.
      await expect(setAccountDiscount(db(), { accountId: account.id, productId: null, rateBps: 1000, reason, actor })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { reason: ["staff.confirm.errors.reason"] } });
      // The note is looked at before the approval is: a spoofed note never reaches the audit log.
      expect(await approveRequestAction({ approvalId: crypto.randomUUID(), note: reason }), JSON.stringify(reason)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { note: ["staff.confirm.errors.plainText"] } });
    }
    await expect(setAccountDiscount(db(), { accountId: account.id, productId: null, rateBps: 1000, reason: "  ", actor })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db().select().from(accountDiscounts).where(eq(accountDiscounts.accountId, account.id))).toEqual([]);
    expect(await db().select().from(auditLog).where(eq(auditLog.accountId, account.id))).toEqual([]);

    expect(await setDiscountAction({ accountId: account.id, productId: "", rate: "10", reason: "Agreed with Acme gnp.exe" })).toMatchObject({ ok: true });
    expect(await db().select({ rateBps: accountDiscounts.rateBps, reason: accountDiscounts.reason }).from(accountDiscounts).where(eq(accountDiscounts.accountId, account.id))).toEqual([{ rateBps: 1000, reason: "Agreed with Acme gnp.exe" }]);
  });
});
