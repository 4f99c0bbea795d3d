import type { DbOrTx } from "@/db/client";
import type { creditNotes, invoices } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import { getInvoice } from "@/lib/invoices/read";
import { invoiceRecipients } from "@/lib/invoices/recipients";
import { outstandingAmount } from "@/lib/invoices/status";
import { formatMoney } from "@/lib/money";

/**
 * The credit note's email, in the transaction that issues it (outbox): to every owner, admin
 * and finance member in their own language, and to the billing email of the invoice's team
 * info in the invoice's. It says what the invoice now asks for, after this note.
 */
export async function emailCreditNote(tx: DbOrTx, note: typeof creditNotes.$inferSelect, invoice: typeof invoices.$inferSelect, now: Date): Promise<void> {
  const recipients = await invoiceRecipients(tx, invoice);
  const after = await getInvoice(tx, { accountId: note.accountId, invoiceId: invoice.id, now });
  const due = after ? outstandingAmount({ amountDue: after.invoice.amountDue, settled: after.invoice.settled }) : 0n;
  const url = `${appUrl()}/a/${note.accountId}/billing/invoices/${invoice.id}`;
  for (const [email, r] of recipients) {
    await sendEmail(tx, {
      to: email,
      locale: r.locale,
      template: "credit-note-issued",
      props: {
        name: r.name, account: invoice.profile.accountName, number: note.number, invoice: invoice.number, period: invoice.period, reason: note.reason,
        amount: formatMoney(note.total, r.locale), amountDue: formatMoney(due, r.locale), url,
      },
      idempotencyKey: `credit-note-issued:${note.id}:${email}`,
      accountId: note.accountId,
    });
  }
}
