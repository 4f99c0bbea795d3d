export const INVOICE_STATUSES = ["paid", "unpaid", "overdue"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Paid once nothing is owed (nothing was on credit, or payments against it cover it); else overdue after its due date. */
export function invoiceStatus(inv: { amountDue: bigint; dueAt: Date }, settled: bigint, now: Date): InvoiceStatus {
  if (inv.amountDue - settled <= 0n) return "paid";
  return now > inv.dueAt ? "overdue" : "unpaid";
}
