const TONES: Record<string, string> = {
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  sent: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  kept_local: "bg-blue-50 text-blue-800 ring-blue-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status] ?? TONES.pending}`}>{label}</span>;
}
