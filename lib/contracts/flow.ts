import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { accounts, type ContractTerms, contractEvents, contracts, products } from "@/db/schema";
import { audit } from "@/lib/audit";
import { withTx } from "@/db/tx";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { getBillingProfile } from "@/lib/invoices/profile";
import { setCreditLimit } from "@/lib/ledger/set-credit-limit";
import { parseMoney } from "@/lib/money";
import { creditAgreementWaits } from "@/lib/staff/contract-approval";
import { requireStaffReason } from "@/lib/staff/reason";
import { type ContractFormInput, itemsOf, MAX_COMMENT, MIN_COMMENT, percentToBps } from "./input";
import { notifyContract } from "./notify";
import { storeSignedPdf } from "./documents";
import { currentTemplate, type ContractKind } from "./templates";

export type Contract = typeof contracts.$inferSelect;
export type ContractStatus = Contract["status"];

export interface ContractActor {
  kind: "user" | "staff" | "system";
  userId?: string | null;
  name?: string | null;
  ip?: string | null;
}

/** Statuses in which the customer may still edit, submit or withdraw. */
export const EDITABLE: ContractStatus[] = ["draft", "returned"];

const conflict = (c: Contract, action: string) => new AppError("CONFLICT", `Contract ${c.number} is ${c.status}; it cannot be ${action}.`);

/** The terms from a validated form, with the products checked against the catalogue and their names snapshotted. */
async function termsOf(db: DbOrTx, v: ContractFormInput): Promise<ContractTerms> {
  const base: ContractTerms = { startsOn: v.startsOn, endsOn: v.endsOn, ...(v.notes ? { notes: v.notes } : {}) };
  if (v.kind === "service_agreement") return { ...base, ...(v.scope ? { scope: v.scope } : {}) };
  if (v.kind === "credit_agreement") return { ...base, creditLimit: parseMoney(v.creditLimit).toString(), paymentTermsDays: Number(v.paymentTermsDays) };
  const wanted = itemsOf(v);
  const rows = await db.select().from(products).where(inArray(products.id, wanted.map((w) => w.productId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = wanted.findIndex((w) => !byId.has(w.productId));
  if (missing >= 0) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { [`productId_${missing}`]: ["product"] });
  return {
    ...base,
    items: wanted.map((w) => {
      const p = byId.get(w.productId)!;
      return { productId: p.id, nameEn: p.nameEn, nameZh: p.nameZh, unitLabel: p.unitLabel, quantity: w.quantity };
    }),
    committedMonthlySpend: parseMoney(v.committedMonthlySpend).toString(),
    discountBps: percentToBps(v.discountPercent),
  };
}

/** The customer party from team info (the account's name when team info is empty). */
async function partyOf(db: DbOrTx, accountId: string) {
  const [account] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  const p = await getBillingProfile(db, { accountId });
  return {
    accountName: account?.name ?? "",
    companyName: p?.companyName || account?.name || "",
    address: p?.address ?? "",
    country: p?.country ?? "",
    taxId: p?.taxId ?? "",
    billingEmail: p?.billingEmail ?? null,
  };
}

/**
 * The timeline event (the customer sees its comment) and the one audit record of the step,
 * whose `reason` is the staff reason when given, else the comment.
 */
async function record(tx: Tx, c: Contract, e: { action: string; from: ContractStatus | null; actor: ContractActor; comment?: string | null; reason?: string; now: Date; data?: unknown }) {
  await tx.insert(contractEvents).values({
    contractId: c.id, at: e.now, action: e.action, fromStatus: e.from, toStatus: c.status,
    actorUserId: e.actor.userId ?? null, actorKind: e.actor.kind, actorName: e.actor.name ?? null, comment: e.comment ?? null, ip: e.actor.ip ?? null,
  });
  await audit(tx, {
    actorUserId: e.actor.userId ?? null, actorKind: e.actor.kind, accountId: c.accountId, action: `contract.${e.action}`,
    targetType: "contract", targetId: c.id, reason: e.reason ?? e.comment ?? undefined, ip: e.actor.ip ?? null,
    data: { number: c.number, from: e.from, to: c.status, ...(e.data && typeof e.data === "object" ? e.data : {}) },
  });
}

/** Locks the contract row (of this account, when given) for the rest of the transaction. */
async function lockContract(tx: Tx, id: string, accountId?: string): Promise<Contract> {
  const where = accountId ? and(eq(contracts.id, id), eq(contracts.accountId, accountId)) : eq(contracts.id, id);
  const [c] = await tx.select().from(contracts).where(where).for("update");
  if (!c) throw new AppError("NOT_FOUND", "Not found.");
  return c;
}

interface Step {
  contractId: string;
  accountId?: string;
  from: ContractStatus[];
  to: ContractStatus;
  action: string;
  verb: string;
  actor: ContractActor;
  /** Shown to the customer on the timeline and in the email; the audit reason unless `reason` is given. */
  comment?: string | null;
  /** Staff's reason for the audit record only (a countersign's): not on the timeline, not emailed. */
  reason?: string;
  now?: Date;
  patch?: (c: Contract, now: Date, tx: Tx) => Partial<typeof contracts.$inferInsert> | Promise<Partial<typeof contracts.$inferInsert>>;
  after?: (tx: Tx, c: Contract, now: Date) => Promise<unknown>;
}

/**
 * The one place a contract changes status: lock the row, check the status it is in, update,
 * record the timeline event and the audit entry, email the other side, all in one
 * transaction. Two clicks at once queue on the row lock; the second finds the new status and
 * is refused. The database trigger refuses any pair not in the flow as well.
 */
async function step(db: DbOrTx, s: Step): Promise<Contract> {
  return withTx(db, async (tx) => {
    const now = s.now ?? clockNow();
    const before = await lockContract(tx, s.contractId, s.accountId);
    if (!s.from.includes(before.status)) throw conflict(before, s.verb);
    const [after] = await tx
      .update(contracts)
      .set({ ...((await s.patch?.(before, now, tx)) ?? {}), status: s.to, updatedAt: now })
      .where(eq(contracts.id, before.id))
      .returning();
    const data = await s.after?.(tx, after!, now);
    await record(tx, after!, { action: s.action, from: before.status, actor: s.actor, comment: s.comment, reason: s.reason, now, data });
    await notifyContract(tx, after!, { action: s.action, comment: s.comment ?? null, now });
    return after!;
  });
}

export async function createContract(db: DbOrTx, input: { accountId: string; form: ContractFormInput; actor: ContractActor; now?: Date }): Promise<Contract> {
  return withTx(db, async (tx) => {
    const now = input.now ?? clockNow();
    const kind = input.form.kind as ContractKind;
    const [c] = await tx
      .insert(contracts)
      .values({
        accountId: input.accountId, kind, templateVersion: currentTemplate(kind).version, locale: input.form.locale, status: "draft",
        terms: await termsOf(tx, input.form), party: await partyOf(tx, input.accountId), createdByUserId: input.actor.userId!, createdAt: now, updatedAt: now,
      })
      .returning();
    await record(tx, c!, { action: "create", from: null, actor: input.actor, now, data: { kind, templateVersion: c!.templateVersion } });
    return c!;
  });
}

/** Edits a draft (or a returned contract): new terms, team info read again, the current template version. */
export async function updateContract(db: DbOrTx, input: { accountId: string; contractId: string; form: ContractFormInput; actor: ContractActor; now?: Date }): Promise<Contract> {
  return withTx(db, async (tx) => {
    const now = input.now ?? clockNow();
    const before = await lockContract(tx, input.contractId, input.accountId);
    if (!EDITABLE.includes(before.status)) throw conflict(before, "edited");
    if (input.form.kind !== before.kind) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { kind: ["kind"] });
    const [after] = await tx
      .update(contracts)
      .set({ terms: await termsOf(tx, input.form), locale: input.form.locale, party: await partyOf(tx, input.accountId), templateVersion: currentTemplate(before.kind).version, updatedAt: now })
      .where(eq(contracts.id, before.id))
      .returning();
    await record(tx, after!, { action: "edit", from: before.status, actor: input.actor, now });
    return after!;
  });
}

type Ids = { contractId: string; actor: ContractActor; now?: Date };

/** Team info as of submission is what staff countersign: read again here, frozen from then on (trigger). */
export const submitContract = (db: DbOrTx, i: Ids & { accountId: string }) =>
  step(db, { ...i, from: EDITABLE, to: "submitted", action: "submit", verb: "submitted", patch: async (c, now, tx) => ({ submittedAt: now, returnComment: null, party: await partyOf(tx, c.accountId) }) });

export const withdrawContract = (db: DbOrTx, i: Ids & { accountId: string }) => step(db, { ...i, from: EDITABLE, to: "withdrawn", action: "withdraw", verb: "withdrawn", patch: (_c, now) => ({ endedAt: now }) });

/** A return or termination comment: it is the reason, so at least 3 characters; it keeps its own 2,000-character limit. */
function staffComment(text: string): string {
  const c = text.trim();
  if (c.length < MIN_COMMENT) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { comment: ["comment"] });
  if (c.length > MAX_COMMENT) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { comment: ["tooLong"] });
  return c;
}

/**
 * Staff countersign under their name and title. The reason goes to the audit record only (an
 * internal note such as "approved by legal ticket 123"); the customer is emailed without it.
 */
export async function countersignContract(db: DbOrTx, i: Ids & { title: string; reason: string }): Promise<Contract> {
  const reason = requireStaffReason(i.reason);
  return step(db, {
    ...i, reason, from: ["submitted"], to: "countersigned", action: "countersign", verb: "countersigned",
    patch: (_c, now) => ({ countersignedAt: now, countersignedByUserId: i.actor.userId ?? null, countersignerName: i.actor.name ?? "", countersignerTitle: i.title }),
    after: async () => ({ title: i.title }),
  });
}

/** The comment is the reason: on the audit record, the timeline and the customer's email. */
export async function returnContract(db: DbOrTx, i: Ids & { comment: string }): Promise<Contract> {
  const comment = staffComment(i.comment);
  return step(db, { ...i, comment, from: ["submitted"], to: "returned", action: "return", verb: "returned", patch: () => ({ returnComment: comment }) });
}

/**
 * The customer's signature: typed name, title, consent, time, user and address. The fully
 * signed PDF is rendered and stored (with its hash) in the same transaction, and the contract
 * becomes active at once if its term has begun.
 */
export async function signContract(db: DbOrTx, i: Ids & { accountId: string; fullName: string; title: string; consent: boolean }): Promise<Contract> {
  if (!i.consent) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { consent: ["consent"] });
  const signed = await step(db, {
    ...i, from: ["countersigned"], to: "signed", action: "sign", verb: "signed",
    patch: (_c, now) => ({ signedAt: now, signedByUserId: i.actor.userId ?? null, signerName: i.fullName, signerTitle: i.title, signerIp: i.actor.ip ?? null, signerConsent: true }),
    after: async (tx, c) => ({ sha256: (await storeSignedPdf(tx, c)).sha256 }),
  });
  const now = i.now ?? clockNow();
  if (signed.terms.startsOn <= now.toISOString().slice(0, 10)) return activateContract(db, { contractId: signed.id, now });
  return signed;
}

/**
 * Signed → active (at signature or by the daily job on the start date). An active credit agreement sets the credit limit through the ledger.
 * A raise past the four-eyes threshold waits for a second staff-finance member instead (the contract stays signed); their approval
 * activates it, with them as the actor (`approvedBy`).
 */
export const activateContract = (db: DbOrTx, i: { contractId: string; now?: Date; approvedBy?: ContractActor }) =>
  withTx(db, async (tx) => {
    const now = i.now ?? clockNow();
    if (!i.approvedBy && (await creditAgreementWaits(tx, i.contractId, now))) return lockContract(tx, i.contractId);
    const actor: ContractActor = i.approvedBy ?? { kind: "system" };
    return step(tx, {
      ...i, now, actor, from: ["signed"], to: "active", action: "activate", verb: "activated",
      patch: async (c, now, tx) => {
        if (c.kind !== "credit_agreement") return { activatedAt: now };
        const ledgerActor = actor.kind === "staff" ? { kind: "staff" as const, userId: actor.userId, ip: actor.ip } : { kind: "system" as const };
        const { previous } = await setCreditLimit(tx, { accountId: c.accountId, creditLimit: BigInt(c.terms.creditLimit!), reason: `Credit agreement ${c.number} active`, actor: ledgerActor });
        return { activatedAt: now, previousCreditLimit: previous.toString() };
      },
    });
  });

/** When a credit agreement ends, the limit goes back to what it was before it began. */
async function restoreCreditLimit(tx: Tx, c: Contract, reason: string) {
  if (c.kind !== "credit_agreement" || c.previousCreditLimit === null) return undefined;
  const { previous, creditLimit } = await setCreditLimit(tx, { accountId: c.accountId, creditLimit: BigInt(c.previousCreditLimit), reason, actor: { kind: "system" } });
  return { creditLimit: { from: previous, to: creditLimit } };
}

/** Ends a signed or active contract at once; the comment is the reason, as for a return. */
export async function terminateContract(db: DbOrTx, i: Ids & { comment: string }): Promise<Contract> {
  const comment = staffComment(i.comment);
  return step(db, {
    ...i, comment, from: ["signed", "active"], to: "terminated", action: "terminate", verb: "terminated", patch: (_c, now) => ({ endedAt: now, endReason: comment }),
    after: (tx, c) => restoreCreditLimit(tx, c, `Credit agreement ${c.number} terminated`),
  });
}

export const expireContract = (db: DbOrTx, i: { contractId: string; now?: Date }) =>
  step(db, {
    ...i, actor: { kind: "system" }, from: ["active"], to: "expired", action: "expire", verb: "expired", patch: (_c, now) => ({ endedAt: now }),
    after: (tx, c) => restoreCreditLimit(tx, c, `Credit agreement ${c.number} expired`),
  });
