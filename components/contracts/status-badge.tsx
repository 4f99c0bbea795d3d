const TONE: Record<string, string> = {
  draft: "bg-gray-50 text-gray-700 ring-gray-500/20",
  submitted: "bg-blue-50 text-blue-800 ring-blue-600/20",
  returned: "bg-amber-50 text-amber-800 ring-amber-600/20",
  countersigned: "bg-indigo-50 text-indigo-800 ring-indigo-600/20",
  signed: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  active: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  expired: "bg-gray-100 text-gray-700 ring-gray-500/20",
  terminated: "bg-red-50 text-red-800 ring-red-600/20",
  withdrawn: "bg-gray-100 text-gray-600 ring-gray-500/20",
};

export function ContractStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span data-testid="contract-status" data-status={status} className={`inline-flex items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE[status] ?? TONE.draft}`}>
      {label}
    </span>
  );
}
