export const INVOICE_STATUSES = ["paid", "unpaid", "overdue"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** What is still open on an invoice: its amount due less what has settled it, never below zero. */
export function outstandingAmount(inv: { amountDue: bigint; settled: bigint }): bigint {
  const open = inv.amountDue - inv.settled;
  return open > 0n ? open : 0n;
}

/** Paid once nothing is owed (nothing was on credit, or payments against it cover it); else overdue after its due date. */
export function invoiceStatus(inv: { amountDue: bigint; dueAt: Date }, settled: bigint, now: Date): InvoiceStatus {
  if (outstandingAmount({ amountDue: inv.amountDue, settled }) === 0n) return "paid";
  return now > inv.dueAt ? "overdue" : "unpaid";
}
