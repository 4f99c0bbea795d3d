import { getTranslations } from "next-intl/server";

const TONES: Record<string, string> = {
  succeeded: "bg-emerald-50 text-emerald-800",
  failed: "bg-red-50 text-red-800",
  pending: "bg-amber-50 text-amber-900",
  unknown: "bg-amber-50 text-amber-900",
};

/** A payment's state in words; a pending bank transfer is "awaiting transfer". */
export async function StatusBadge({ status, wire = false }: { status: string; wire?: boolean }) {
  const t = await getTranslations("payments.statuses");
  const key = wire && status === "pending" ? "awaiting_transfer" : status;
  return (
    <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status] ?? "bg-gray-100 text-gray-700"}`} data-testid="payment-status">
      {t(key as "pending")}
    </span>
  );
}
