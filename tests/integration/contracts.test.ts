import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { auditLog, billingProfiles, contractEvents, contracts, emailOutbox } from "@/db/schema";
import { contractPdf } from "@/lib/contracts/documents";
import {
  activateContract, type ContractActor, countersignContract, createContract, expireContract, returnContract, signContract, submitContract, terminateContract, updateContract, withdrawContract,
} from "@/lib/contracts/flow";
import { ContractFormSchema } from "@/lib/contracts/input";
import { contractsJob } from "@/lib/contracts/job";
import { setCreditLimit } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { DEMO_SELLER } from "@/lib/seller";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";

// The staff actions run as in Next.js, through staffAction; only the session and the request headers are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { countersignContractAction, returnContractAction, terminateContractAction } = await import("@/lib/actions/contracts/staff-steps");
const { saveContractAction } = await import("@/lib/actions/contracts/save-contract");
const { signContractAction, submitContractAction, withdrawContractAction } = await import("@/lib/actions/contracts/customer-steps");

const handle = useTestDb({ max: 8 });
const db = () => handle().db;

/** The reason staff give when they countersign: audit log only. */
const WHY = "Terms checked against the order form, approved by legal ticket 123";

let staffFinance: ContractActor;
beforeAll(async () => {
  await ensureCatalogue(db());
  const s = await createUser(db(), { staffRole: "finance", name: "Sam Staff" });
  staffFinance = { kind: "staff", userId: s.id, name: s.name, ip: "10.0.0.2" };
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: Buffer.from(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

const TODAY = new Date().toISOString().slice(0, 10);
const NEXT_YEAR = `${Number(TODAY.slice(0, 4)) + 1}${TODAY.slice(4)}`;

function form(kind: "service_agreement" | "order_form" | "credit_agreement", extra: Record<string, string> = {}) {
  return ContractFormSchema.parse({
    kind, locale: "en", startsOn: TODAY, endsOn: NEXT_YEAR,
    ...(kind === "order_form" ? { productId_0: "ecs.g7.large", quantity_0: "4", productId_1: "oss.standard.gb", quantity_1: "2000", committedMonthlySpend: "1250.50", discountPercent: "7.5" } : {}),
    ...(kind === "credit_agreement" ? { creditLimit: "2500", paymentTermsDays: "30" } : {}),
    ...extra,
  });
}

/** An account of the test's own with team info, its finance user as the actor. */
async function customer(opts: { company?: string } = {}) {
  const { account, members } = await createAccount(db());
  await db().insert(billingProfiles).values({ accountId: account.id, companyName: opts.company ?? "Initech LLC", address: "1 Infinite Loop", country: "US", taxId: "US-12-3456789" });
  const actor: ContractActor = { kind: "user", userId: members.finance.id, name: members.finance.name, ip: "203.0.113.7" };
  return { account, members, actor };
}

async function signedOrderForm() {
  const c = await customer();
  const draft = await createContract(db(), { accountId: c.account.id, form: form("order_form"), actor: c.actor });
  await submitContract(db(), { accountId: c.account.id, contractId: draft.id, actor: c.actor });
  await countersignContract(db(), { contractId: draft.id, title: "Head of Finance", reason: WHY, actor: staffFinance });
  const signed = await signContract(db(), { accountId: c.account.id, contractId: draft.id, fullName: "Bill Lumbergh", title: "Vice President", consent: true, actor: c.actor });
  return { ...c, contract: signed };
}

const statusOf = async (id: string) => (await db().select({ s: contracts.status }).from(contracts).where(eq(contracts.id, id)))[0]!.s;

describe("contract flow", () => {
  it("draft → submitted → countersigned → signed → active → terminated, each step on the timeline, audited and emailed to the other side", async () => {
    const { account, actor, contract } = await signedOrderForm();
    // Starts today: active on signature.
    expect(contract.status).toBe("active");
    expect(contract.signerName).toBe("Bill Lumbergh");
    expect(contract.signerIp).toBe("203.0.113.7");
    expect(contract.signedByUserId).toBe(actor.userId);
    expect(contract.countersignerName).toBe("Sam Staff");
    const events = await db().select().from(contractEvents).where(eq(contractEvents.contractId, contract.id)).orderBy(contractEvents.at);
    expect(events.map((e) => e.action)).toEqual(["create", "submit", "countersign", "sign", "activate"]);
    const audits = await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, "contract"), eq(auditLog.targetId, contract.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(["contract.activate", "contract.countersign", "contract.create", "contract.sign", "contract.submit"]);

    const mails = await db().select({ to: emailOutbox.to, subject: emailOutbox.subject, key: emailOutbox.idempotencyKey }).from(emailOutbox).where(sql`${emailOutbox.idempotencyKey} like ${`contract:${contract.id}:%`}`);
    const byEvent = (ev: string) => mails.filter((m) => m.key.includes(`:${ev}:`)).map((m) => m.to);
    // The customer's submission and signature go to finance staff; staff's countersign and the activation to the customer.
    expect(byEvent("submit").some((to) => to.startsWith("user-"))).toBe(true);
    expect(byEvent("submit").some((to) => to.startsWith("finance-"))).toBe(false);
    expect(byEvent("countersign").filter((to) => /^(owner|admin|finance)-/.test(to))).toHaveLength(3);
    expect(byEvent("countersign").some((to) => to.startsWith("member-"))).toBe(false);
    expect(byEvent("sign").some((to) => to.startsWith("user-"))).toBe(true);
    expect(mails.find((m) => m.key.includes(":countersign:"))!.subject).toContain(contract.number);

    const ended = await terminateContract(db(), { contractId: contract.id, comment: "Customer moved to a new agreement", actor: staffFinance });
    expect(ended.status).toBe("terminated");
    expect(ended.endReason).toBe("Customer moved to a new agreement");
    expect(account.id).toBe(ended.accountId);
  });

  it("returned with a comment, edited and submitted again; a draft can be withdrawn", async () => {
    const { account, actor } = await customer();
    const c = await createContract(db(), { accountId: account.id, form: form("service_agreement", { scope: "Compute in SG1" }), actor });
    await submitContract(db(), { accountId: account.id, contractId: c.id, actor });
    const back = await returnContract(db(), { contractId: c.id, comment: "Please name the data centers.", actor: staffFinance });
    expect(back.status).toBe("returned");
    expect(back.returnComment).toBe("Please name the data centers.");
    const edited = await updateContract(db(), { accountId: account.id, contractId: c.id, form: form("service_agreement", { scope: "Compute in SG1 and LAX2" }), actor });
    expect(edited.terms.scope).toBe("Compute in SG1 and LAX2");
    expect((await submitContract(db(), { accountId: account.id, contractId: c.id, actor })).status).toBe("submitted");

    const d = await createContract(db(), { accountId: account.id, form: form("service_agreement"), actor });
    expect((await withdrawContract(db(), { accountId: account.id, contractId: d.id, actor })).status).toBe("withdrawn");
    await expect(submitContract(db(), { accountId: account.id, contractId: d.id, actor })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses illegal steps: signing a draft, editing after submission, countersigning twice, another account's contract", async () => {
    const { account, actor } = await customer();
    const c = await createContract(db(), { accountId: account.id, form: form("order_form"), actor });
    await expect(signContract(db(), { accountId: account.id, contractId: c.id, fullName: "Bill Lumbergh", title: "VP", consent: true, actor })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(countersignContract(db(), { contractId: c.id, title: "CFO", reason: WHY, actor: staffFinance })).rejects.toMatchObject({ code: "CONFLICT" });
    await submitContract(db(), { accountId: account.id, contractId: c.id, actor });
    await expect(updateContract(db(), { accountId: account.id, contractId: c.id, form: form("order_form", { discountPercent: "50" }), actor })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(withdrawContract(db(), { accountId: account.id, contractId: c.id, actor })).rejects.toMatchObject({ code: "CONFLICT" });
    await countersignContract(db(), { contractId: c.id, title: "CFO", reason: WHY, actor: staffFinance });
    await expect(countersignContract(db(), { contractId: c.id, title: "CFO", reason: WHY, actor: staffFinance })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(returnContract(db(), { contractId: c.id, comment: "too late", actor: staffFinance })).rejects.toMatchObject({ code: "CONFLICT" });
    // Signing needs consent.
    await expect(signContract(db(), { accountId: account.id, contractId: c.id, fullName: "Bill", title: "VP", consent: false, actor })).rejects.toMatchObject({ code: "VALIDATION" });
    // Another account cannot see it, let alone sign it.
    const other = await customer();
    await expect(signContract(db(), { accountId: other.account.id, contractId: c.id, fullName: "Mallory", title: "VP", consent: true, actor: other.actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await statusOf(c.id)).toBe("countersigned");
    await expect(expireContract(db(), { contractId: c.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(activateContract(db(), { contractId: c.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("the database itself refuses a transition outside the flow, content edits after submission and deletes", async () => {
    const { account, actor } = await customer();
    const c = await createContract(db(), { accountId: account.id, form: form("service_agreement"), actor });
    await expect(db().update(contracts).set({ status: "active" }).where(eq(contracts.id, c.id))).rejects.toThrow();
    await submitContract(db(), { accountId: account.id, contractId: c.id, actor });
    await expect(db().update(contracts).set({ terms: { ...c.terms, notes: "sneaky" } }).where(eq(contracts.id, c.id))).rejects.toThrow();
    await expect(db().delete(contracts).where(eq(contracts.id, c.id))).rejects.toThrow();
    await expect(db().delete(contractEvents).where(eq(contractEvents.contractId, c.id))).rejects.toThrow();
    expect(await statusOf(c.id)).toBe("submitted");
  });

  it("validates the form: dates in order, amounts in digits, at least one product, a known product", async () => {
    const bad = ContractFormSchema.safeParse({ kind: "order_form", locale: "en", startsOn: "2026-05-01", endsOn: "2026-04-01", committedMonthlySpend: "1e3", discountPercent: "120" });
    expect(bad.success).toBe(false);
    const fields = Object.keys(bad.error!.flatten().fieldErrors);
    expect(fields).toEqual(expect.arrayContaining(["endsOn", "committedMonthlySpend", "discountPercent", "productId_0"]));
    expect(ContractFormSchema.safeParse({ kind: "credit_agreement", locale: "en", startsOn: "2026-02-30", endsOn: "2027-01-01", creditLimit: "-5", paymentTermsDays: "365" }).error!.flatten().fieldErrors).toMatchObject({
      startsOn: ["date"], creditLimit: ["amount"], paymentTermsDays: ["paymentTerms"],
    });
    const { account, actor } = await customer();
    await expect(createContract(db(), { accountId: account.id, form: form("order_form", { productId_0: "no.such.product" }), actor })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { productId_0: ["product"] } });
  });
});

/** Every audit record of an account, oldest first. */
const auditsOf = (accountId: string) => db().select().from(auditLog).where(eq(auditLog.accountId, accountId)).orderBy(auditLog.at, auditLog.id);
/** The emails a contract step sent (key `contract:<id>:<action>:…`). */
const mailsOf = (contractId: string, action: string) =>
  db().select().from(emailOutbox).where(sql`${emailOutbox.idempotencyKey} like ${`contract:${contractId}:${action}:%`}`);

async function submitted(kind: "service_agreement" | "order_form" = "order_form") {
  const c = await customer();
  const draft = await createContract(db(), { accountId: c.account.id, form: form(kind), actor: c.actor });
  await submitContract(db(), { accountId: c.account.id, contractId: draft.id, actor: c.actor });
  return { ...c, contract: draft };
}

describe("staff actions: a reason, and exactly one audit record carrying it", () => {
  it("countersigning without a reason (or with too short or long a one) is refused and changes nothing; so is a return comment under 3 characters", async () => {
    const staff = await createUser(db(), { staffRole: "finance", name: "Fay Finance" });
    session.uid = staff.id;
    const { account, contract } = await submitted();
    const auditsBefore = await auditsOf(account.id);
    for (const reason of [undefined, "", "   ", "ok", "x".repeat(501)]) {
      const r = await countersignContractAction({ contractId: contract.id, title: "CFO", ...(reason === undefined ? {} : { reason }) });
      expect(r).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.confirm.errors.reason"] } });
    }
    // The flow refuses it as well, for callers that do not come through the form (the demo seed).
    await expect(countersignContract(db(), { contractId: contract.id, title: "CFO", reason: "  ", actor: staffFinance })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await returnContractAction({ contractId: contract.id, comment: " no " })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { comment: ["comment"] } });
    expect(await terminateContractAction({ contractId: contract.id, comment: "" })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { comment: ["comment"] } });

    const [row] = await db().select().from(contracts).where(eq(contracts.id, contract.id));
    expect(row).toMatchObject({ status: "submitted", countersignedAt: null, countersignerName: null, returnComment: null });
    expect((await db().select().from(contractEvents).where(eq(contractEvents.contractId, contract.id))).map((e) => e.action).sort()).toEqual(["create", "submit"]);
    expect(await auditsOf(account.id)).toEqual(auditsBefore);
    expect(await mailsOf(contract.id, "countersign")).toHaveLength(0);
    expect(await mailsOf(contract.id, "return")).toHaveLength(0);
  });

  it("countersign, return and terminate each write exactly one audit record, by the staff member, with the reason; the countersign reason is not shown to the customer", async () => {
    const staff = await createUser(db(), { staffRole: "finance", name: "Fay Finance" });
    session.uid = staff.id;

    const a = await submitted();
    const beforeA = (await auditsOf(a.account.id)).length;
    expect(await countersignContractAction({ contractId: a.contract.id, title: "Head of Finance", reason: `  ${WHY}  ` })).toEqual({ ok: true, data: { status: "countersigned" } });
    const newA = (await auditsOf(a.account.id)).slice(beforeA);
    expect(newA).toHaveLength(1);
    expect(newA[0]).toMatchObject({
      action: "contract.countersign", actorKind: "staff", actorUserId: staff.id, targetType: "contract", targetId: a.contract.id, reason: WHY,
      data: { number: a.contract.number, from: "submitted", to: "countersigned", title: "Head of Finance" },
    });
    expect((await db().select().from(contracts).where(eq(contracts.id, a.contract.id)))[0]).toMatchObject({ countersignerName: "Fay Finance", countersignerTitle: "Head of Finance" });
    // The reason is an internal note: not on the customer's timeline, not in their email.
    const [event] = await db().select().from(contractEvents).where(and(eq(contractEvents.contractId, a.contract.id), eq(contractEvents.action, "countersign")));
    expect(event!.comment).toBeNull();
    const mails = await mailsOf(a.contract.id, "countersign");
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) expect(`${m.subject}${m.text}${m.html}`).not.toContain("legal ticket 123");

    const b = await submitted("service_agreement");
    const beforeB = (await auditsOf(b.account.id)).length;
    expect(await returnContractAction({ contractId: b.contract.id, comment: "Please name the data centers." })).toEqual({ ok: true, data: { status: "returned" } });
    const newB = (await auditsOf(b.account.id)).slice(beforeB);
    expect(newB).toHaveLength(1);
    expect(newB[0]).toMatchObject({ action: "contract.return", actorUserId: staff.id, reason: "Please name the data centers.", data: { from: "submitted", to: "returned" } });
    // The comment is what the customer is told.
    expect((await mailsOf(b.contract.id, "return")).every((m) => m.text.includes("Please name the data centers."))).toBe(true);

    const c = await signedOrderForm();
    const beforeC = (await auditsOf(c.account.id)).length;
    expect(await terminateContractAction({ contractId: c.contract.id, comment: "Customer moved to a new agreement" })).toEqual({ ok: true, data: { status: "terminated" } });
    const newC = (await auditsOf(c.account.id)).slice(beforeC);
    expect(newC).toHaveLength(1);
    expect(newC[0]).toMatchObject({ action: "contract.terminate", actorUserId: staff.id, reason: "Customer moved to a new agreement", data: { from: "active", to: "terminated" } });

    // A second Confirm of the same step finds the new status: refused, nothing more written.
    expect(await countersignContractAction({ contractId: a.contract.id, title: "Head of Finance", reason: WHY })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await terminateContractAction({ contractId: c.contract.id, comment: "Customer moved to a new agreement" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await auditsOf(a.account.id)).length).toBe(beforeA + 1);
    expect((await auditsOf(c.account.id)).length).toBe(beforeC + 1);
  });

  it("terminating an active credit agreement: one staff record with the reason, and the ledger's own record of the limit going back", async () => {
    const staff = await createUser(db(), { staffRole: "finance", name: "Fay Finance" });
    session.uid = staff.id;
    const { account, actor } = await customer();
    const c = await createContract(db(), { accountId: account.id, form: form("credit_agreement"), actor });
    await submitContract(db(), { accountId: account.id, contractId: c.id, actor });
    await countersignContract(db(), { contractId: c.id, title: "CFO", reason: WHY, actor: staffFinance });
    await signContract(db(), { accountId: account.id, contractId: c.id, fullName: "Peter Gibbons", title: "Engineer", consent: true, actor });
    const before = (await auditsOf(account.id)).length;
    expect(await terminateContractAction({ contractId: c.id, comment: "Credit line withdrawn after review" })).toMatchObject({ ok: true });
    const added = (await auditsOf(account.id)).slice(before);
    expect(added.filter((e) => e.actorUserId === staff.id)).toHaveLength(1);
    expect(added.find((e) => e.action === "contract.terminate")).toMatchObject({ actorUserId: staff.id, reason: "Credit line withdrawn after review", data: { creditLimit: { from: "2500000000", to: "0" } } });
    expect(added.map((e) => `${e.action}:${e.actorKind}`).sort()).toEqual(["billing.credit_limit:system", "contract.terminate:staff"]);
    expect((await getBalances(db(), { accountId: account.id })).creditLimit).toBe(0n);
  });
});

describe("customer actions: contracts.manage, refused as not found", () => {
  it("a plain member of the account gets NOT_FOUND from every customer step, as a stranger does, and nothing changes; finance goes through", async () => {
    const { account, members, actor } = await customer();
    const draft = await createContract(db(), { accountId: account.id, form: form("service_agreement"), actor });
    const stranger = (await createAccount(db(), ["owner"])).members.owner;
    const notFound = { ok: false, code: "NOT_FOUND", message: "Not found." };
    const fields = { kind: "service_agreement", locale: "en", startsOn: TODAY, endsOn: NEXT_YEAR };
    for (const uid of [members.member.id, stranger.id]) {
      session.uid = uid;
      expect(await saveContractAction({ accountId: account.id, ...fields })).toEqual(notFound);
      expect(await saveContractAction({ accountId: account.id, ...fields, contractId: draft.id })).toEqual(notFound);
      expect(await submitContractAction({ accountId: account.id, contractId: draft.id })).toEqual(notFound);
      expect(await withdrawContractAction({ accountId: account.id, contractId: draft.id })).toEqual(notFound);
      expect(await signContractAction({ accountId: account.id, contractId: draft.id, fullName: "Max Member", title: "Engineer", consent: "on" })).toEqual(notFound);
    }
    const rows = await db().select().from(contracts).where(eq(contracts.accountId, account.id));
    expect(rows.map((r) => [r.id, r.status])).toEqual([[draft.id, "draft"]]);
    expect((await db().select().from(contractEvents).where(eq(contractEvents.contractId, draft.id))).map((e) => e.action)).toEqual(["create"]);

    session.uid = members.finance.id;
    expect(await submitContractAction({ accountId: account.id, contractId: draft.id })).toEqual({ ok: true, data: { status: "submitted" } });
  });
});

describe("concurrency", () => {
  it("two countersigns at the same moment: exactly one succeeds", async () => {
    const { account, actor } = await customer();
    const c = await createContract(db(), { accountId: account.id, form: form("service_agreement"), actor });
    await submitContract(db(), { accountId: account.id, contractId: c.id, actor });
    const results = await Promise.allSettled([
      countersignContract(db(), { contractId: c.id, title: "CFO", reason: WHY, actor: staffFinance }),
      countersignContract(db(), { contractId: c.id, title: "Controller", reason: "Checked by the controller", actor: staffFinance }),
      returnContract(db(), { contractId: c.id, comment: "at the same time", actor: staffFinance }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CONFLICT", "CONFLICT"]);
    const events = await db().select().from(contractEvents).where(eq(contractEvents.contractId, c.id));
    expect(events.filter((e) => e.action === "countersign" || e.action === "return")).toHaveLength(1);
    const audits = (await auditsOf(account.id)).filter((e) => e.action === "contract.countersign" || e.action === "contract.return");
    expect(audits).toHaveLength(1);
  });

  it("two staff members confirm the countersignature at once: it is countersigned once, under one name, with one audit record", async () => {
    const [fay, sam] = [await createUser(db(), { staffRole: "finance", name: "Fay Finance" }), await createUser(db(), { staffRole: "finance", name: "Sam Second" })];
    const { account, contract } = await submitted();
    const results = await Promise.allSettled([
      countersignContract(db(), { contractId: contract.id, title: "CFO", reason: WHY, actor: { kind: "staff", userId: fay.id, name: fay.name } }),
      countersignContract(db(), { contractId: contract.id, title: "Controller", reason: "Checked twice by the controller", actor: { kind: "staff", userId: sam.id, name: sam.name } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const winner = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ countersignedByUserId: string | null }>).value.countersignedByUserId;
    const audits = (await auditsOf(account.id)).filter((e) => e.action === "contract.countersign");
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUserId).toBe(winner);
    const mails = await mailsOf(contract.id, "countersign");
    expect(mails.length).toBeGreaterThan(0);
    expect(new Set(mails.map((m) => m.to)).size).toBe(mails.length); // each of the customer's contacts told once
  });
});

describe("credit agreement", () => {
  it("an active credit agreement sets the credit limit through the ledger (audited); when it ends the earlier limit returns", async () => {
    const { account, actor } = await customer();
    await setCreditLimit(db(), { accountId: account.id, creditLimit: dollars(100), reason: "earlier", actor: { kind: "staff", userId: null } });
    const c = await createContract(db(), { accountId: account.id, form: form("credit_agreement"), actor });
    await submitContract(db(), { accountId: account.id, contractId: c.id, actor });
    await countersignContract(db(), { contractId: c.id, title: "CFO", reason: WHY, actor: staffFinance });
    expect((await getBalances(db(), { accountId: account.id })).creditLimit).toBe(dollars(100));
    const active = await signContract(db(), { accountId: account.id, contractId: c.id, fullName: "Peter Gibbons", title: "Engineer", consent: true, actor });
    expect(active.status).toBe("active");
    expect((await getBalances(db(), { accountId: account.id })).creditLimit).toBe(dollars(2500));
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "billing.credit_limit"))).orderBy(sql`${auditLog.at} desc`).limit(1);
    expect(entry!.reason).toContain(c.number);
    expect(entry!.data).toEqual({ from: "100000000", to: "2500000000" });
    await terminateContract(db(), { contractId: c.id, comment: "ended", actor: staffFinance });
    expect((await getBalances(db(), { accountId: account.id })).creditLimit).toBe(dollars(100));
  });

  it("a contract signed before its start waits, and the daily job activates it on the start date and expires it after the end", async () => {
    const { account, actor } = await customer();
    const start = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const c = await createContract(db(), { accountId: account.id, form: form("credit_agreement", { startsOn: start, endsOn: end, creditLimit: "750" }), actor });
    await submitContract(db(), { accountId: account.id, contractId: c.id, actor });
    await countersignContract(db(), { contractId: c.id, title: "CFO", reason: WHY, actor: staffFinance });
    expect((await signContract(db(), { accountId: account.id, contractId: c.id, fullName: "Peter Gibbons", title: "Engineer", consent: true, actor })).status).toBe("signed");
    await contractsJob(db(), { now: new Date(`${start}T00:00:00Z`), accountIds: [account.id] });
    expect(await statusOf(c.id)).toBe("active");
    expect((await getBalances(db(), { accountId: account.id })).creditLimit).toBe(dollars(750));
    await contractsJob(db(), { now: new Date(`${end}T00:00:00Z`), accountIds: [account.id] });
    expect(await statusOf(c.id)).toBe("active"); // the end date is the last day in force
    await contractsJob(db(), { now: new Date(new Date(`${end}T00:00:00Z`).getTime() + 86_400_000), accountIds: [account.id] });
    expect(await statusOf(c.id)).toBe("expired");
    expect((await getBalances(db(), { accountId: account.id })).creditLimit).toBe(0n);
  });
});

describe("PDF", () => {
  it("is watermarked DRAFT until signed; once signed the stored original is served byte for byte, and copies print its hash", async () => {
    const { account, actor } = await customer();
    const c = await createContract(db(), { accountId: account.id, form: form("order_form"), actor });
    const draft = await contractPdf(db(), c);
    expect(draft.stored).toBe(false);
    const draftText = await pdfText(draft.pdf);
    expect(draftText).toContain("DRAFT");
    expect(draftText).toContain("Not signed");

    const { contract } = await signedOrderForm();
    const first = await contractPdf(db(), contract);
    const second = await contractPdf(db(), { ...contract, status: "terminated" });
    expect(first.stored).toBe(true);
    expect(Buffer.from(second.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    expect(createHash("sha256").update(first.pdf).digest("hex")).toBe(first.sha256);
    const text = await pdfText(first.pdf);
    expect(text).not.toContain("DRAFT");
    for (const s of ["Order form", contract.number, "Initech LLC", "US-12-3456789", DEMO_SELLER.name, `Tax ID: ${DEMO_SELLER.taxId}`, "1 Raffles Place", "Elastic compute g7.large", "$1,250.50", "7.5%", "Bill Lumbergh", "Vice President", "Sam Staff", "Head of Finance", "203.0.113.7"]) {
      expect(text).toContain(s);
    }

    const zh = await contractPdf(db(), contract, { copy: "zh-CN" });
    expect(zh.stored).toBe(false);
    const flat = (await pdfText(zh.pdf)).replace(/\s+/g, "");
    for (const s of ["订单", "副本", "承诺消费", "云服务器g7.large", "Initech", "BillLumbergh", DEMO_SELLER.name.replace(/\s+/g, ""), "收款银行", first.sha256]) expect(flat).toContain(s);
  });
});
