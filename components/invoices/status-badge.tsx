import type { InvoiceStatus } from "@/lib/invoices/status";

const TONE: Record<InvoiceStatus, string> = {
  paid: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  unpaid: "bg-amber-50 text-amber-800 ring-amber-600/20",
  overdue: "bg-red-50 text-red-800 ring-red-600/20",
};

export function InvoiceStatusBadge({ status, label }: { status: InvoiceStatus; label: string }) {
  return (
    <span data-testid="invoice-status" data-status={status} className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE[status]}`}>
      {label}
    </span>
  );
}
