import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { creditNoteNumberCounter, type CreditNoteLineSnapshot, creditNotes, invoiceLines, invoices } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { inLedgerTransaction } from "@/lib/ledger/accounts";
import { post } from "@/lib/ledger/post";
import { divRoundHalfEven, MAX_MONEY, type Micros } from "@/lib/money";
import { taxOn } from "@/lib/tax/rules";
import { emitEvent } from "@/lib/events/emit";
import { moneyJson } from "@/lib/events/catalogue";
import { emailCreditNote } from "./email";

export type CreditNote = typeof creditNotes.$inferSelect;
export const CREDIT_NOTE_KINDS = ["refund", "adjustment", "correction"] as const;
export type CreditNoteKind = (typeof CREDIT_NOTE_KINDS)[number];

export function formatCreditNoteNumber(n: bigint): string {
  return `CN${n.toString().padStart(8, "0")}`;
}

export interface IssueCreditNoteInput {
  accountId: string;
  invoiceId: string;
  kind: CreditNoteKind;
  reason: string;
  /** The invoice as a whole: this amount (whole cents), before tax, or with it when `taxIncluded` (a refund's amount is what leaves). */
  amount?: Micros;
  taxIncluded?: boolean;
  /** Or corrected lines: an amount off each, by the line's position on the invoice. */
  lines?: { position: number; amount: Micros }[];
  /** The request that asks for it (a form's id, a refund's): the same key again is the same note. */
  requestKey: string;
  actor: { kind: "staff" | "system"; userId?: string | null; ip?: string | null };
  now: Date;
  refundId?: string | null;
}

const CENT = 10_000n;

/** The tax inside an amount that includes it at this rate: amount × rate / (1 + rate), rounded half-even to the cent. */
const taxIncludedIn = (amount: Micros, rateBps: number): Micros => (rateBps > 0 ? divRoundHalfEven(amount * BigInt(rateBps), BigInt(10_000 + rateBps) * CENT) * CENT : 0n);

/** What is left to credit on an invoice: its total less its credit notes (whole, and per line position). */
async function credited(tx: DbOrTx, invoiceId: string) {
  const notes = await tx.select({ total: creditNotes.total, lines: creditNotes.lines }).from(creditNotes).where(eq(creditNotes.invoiceId, invoiceId));
  const perLine = new Map<number, bigint>();
  let total = 0n;
  for (const n of notes) {
    total += n.total;
    for (const l of n.lines) if (l.invoiceLinePosition != null) perLine.set(l.invoiceLinePosition, (perLine.get(l.invoiceLinePosition) ?? 0n) + BigInt(l.amount));
  }
  return { total, perLine };
}

function refuse(message: string, field = "amount"): never {
  throw new AppError("VALIDATION", message, { [field]: [`creditNotes.errors.${field === "amount" ? "tooLarge" : field}`] });
}

/** The lines of the note and their sum, checked against what remains on the invoice and on each line. */
async function planLines(tx: DbOrTx, input: Pick<IssueCreditNoteInput, "amount" | "lines">, inv: typeof invoices.$inferSelect) {
  const done = await credited(tx, inv.id);
  const remaining = inv.total - done.total;
  let lines: CreditNoteLineSnapshot[];
  if (input.lines?.length) {
    const rows = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv.id));
    const byPos = new Map(rows.map((r) => [r.position, r]));
    lines = input.lines.map((l) => {
      const line = byPos.get(l.position);
      if (!line || line.kind === "rounding") refuse("That line is not on the invoice.", "line");
      if (l.amount > line.net - (done.perLine.get(l.position) ?? 0n)) refuse("A line cannot be credited more than what is left of it.");
      return { invoiceLinePosition: l.position, itemEn: line.itemEn, itemZh: line.itemZh, amount: l.amount.toString() };
    });
  } else {
    lines = [{ invoiceLinePosition: null, itemEn: `Credit against invoice ${inv.number}`, itemZh: `发票 ${inv.number} 的贷项`, amount: (input.amount ?? 0n).toString() }];
  }
  const amounts = lines.map((l) => BigInt(l.amount));
  if (amounts.some((a) => a <= 0n || a % CENT !== 0n || a > MAX_MONEY)) refuse("Enter each amount in dollars and cents, above zero.", "amountFormat");
  return { lines, net: amounts.reduce((a, b) => a + b, 0n), remaining };
}

/**
 * The note a request would issue, checked against what is left on the invoice and its lines
 * (VALIDATION when it does not fit, NOT_FOUND when the invoice is not the account's); writes
 * nothing. A staff request that waits for a second person is checked with it before it is saved.
 */
export async function planCreditNote(tx: DbOrTx, input: Pick<IssueCreditNoteInput, "accountId" | "invoiceId" | "amount" | "taxIncluded" | "lines">) {
  const [inv] = await tx.select().from(invoices).where(and(eq(invoices.id, input.invoiceId), eq(invoices.accountId, input.accountId)));
  if (!inv) throw new AppError("NOT_FOUND", "Not found.");
  const planned = await planLines(tx, input, inv);
  const { net, remaining } = planned;
  // The tax the invoice charged on these amounts is credited with them, at the invoice's rate (rounded half-even once).
  const [tax, total] = input.taxIncluded ? [taxIncludedIn(net, inv.taxRateBps), net] : [taxOn(net, inv.taxRateBps), net + taxOn(net, inv.taxRateBps)];
  if (total > remaining) refuse("A credit note cannot exceed what is left to credit on the invoice.");
  // An amount with its tax included credits the invoice as a whole: its one line is the part before tax.
  const lines = input.taxIncluded ? planned.lines.map((l) => ({ ...l, amount: (total - tax).toString() })) : planned.lines;
  return { inv, lines, tax, total };
}

/**
 * Issues a credit note against an issued invoice, once per request key. In one
 * transaction, under a lock on the invoice (so two notes at once cannot both take what is
 * left): the amount is checked against the invoice's total less its earlier notes (and each
 * corrected line against what is left of it), the credit is posted (customer cash up,
 * revenue down, key `credit-note:<request key>`), the number is taken from the counter
 * last, and the email to the billing contacts is queued. The invoice itself never changes:
 * its amount due is reduced where it is read (lib/invoices/settled.ts counts its notes).
 */
export async function issueCreditNote(db: DbOrTx, input: IssueCreditNoteInput): Promise<{ note: CreditNote; replayed: boolean }> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("VALIDATION", "A credit note needs a reason.", { reason: ["creditNotes.errors.reason"] });
  return inLedgerTransaction(db, async (tx) => issueIn(tx, input, reason));
}

async function issueIn(tx: Tx, input: IssueCreditNoteInput, reason: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`credit-note:${input.invoiceId}`}, 0))`);
  const [prior] = await tx.select().from(creditNotes).where(eq(creditNotes.requestKey, input.requestKey));
  if (prior) {
    if (prior.invoiceId !== input.invoiceId || prior.accountId !== input.accountId) throw new AppError("IDEMPOTENCY_CONFLICT", "This form was already used for another invoice; reload the page.");
    return { note: prior, replayed: true };
  }
  const { inv, lines, tax, total } = await planCreditNote(tx, input);

  const posted = await post(tx, {
    idempotencyKey: `credit-note:${input.requestKey}`,
    accountId: inv.accountId,
    type: "credit_note",
    description: `Credit note for invoice ${inv.number}: ${reason}`,
    entries: [
      { account: { kind: "cash" }, amount: total },
      { account: { kind: "revenue" }, amount: -(total - tax) },
      ...(tax > 0n ? [{ account: { kind: "tax_payable" as const }, amount: -tax }] : []),
    ],
    actor: input.actor,
    audit: { action: "invoice.credit_note", reason, data: { invoiceId: inv.id, invoice: inv.number, kind: input.kind, amount: total } },
  });
  const [counter] = await tx
    .update(creditNoteNumberCounter)
    .set({ lastNumber: sql`${creditNoteNumberCounter.lastNumber} + 1` })
    .where(eq(creditNoteNumberCounter.id, 1))
    .returning({ n: creditNoteNumberCounter.lastNumber });
  const [note] = await tx
    .insert(creditNotes)
    .values({
      number: formatCreditNoteNumber(counter!.n), accountId: inv.accountId, invoiceId: inv.id, kind: input.kind, reason, issuedAt: input.now, locale: inv.locale,
      profile: inv.profile, lines, net: total - tax, tax, total, requestKey: input.requestKey, ledgerTransactionId: posted.transactionId,
      refundId: input.refundId ?? null, issuedByUserId: input.actor.userId ?? null, createdAt: input.now,
    })
    .returning();
  await emailCreditNote(tx, note!, inv, input.now);
  // credit_note.issued, in the issuing transaction; keyed by the note, so it is written once.
  const n = note!;
  await emitEvent(tx, {
    accountId: n.accountId, type: "credit_note.issued", key: n.id, occurredAt: n.issuedAt,
    data: {
      creditNote: {
        id: n.id, number: n.number, invoiceId: inv.id, invoiceNumber: inv.number, kind: n.kind as CreditNoteKind, reason: n.reason, issuedAt: n.issuedAt.toISOString(),
        net: moneyJson(n.net), tax: moneyJson(n.tax), total: moneyJson(n.total),
      },
    },
  });
  return { note: note!, replayed: false };
}
