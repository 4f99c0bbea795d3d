import { Card } from "@tremor/react";

const TONE = {
  negative: { border: "border-l-red-700", value: "text-red-800", badge: "bg-red-50 text-red-800 ring-red-200" },
  low: { border: "border-l-amber-500", value: "text-amber-900", badge: "bg-amber-50 text-amber-900 ring-amber-200" },
} as const;

/**
 * One figure of the overview: label, amount, and its one-line explanation. A tone marks
 * available funds that are low or below zero, in words as well as colour.
 */
export function FigureCard({
  label,
  value,
  missingLabel,
  hint,
  emphasis = false,
  testId,
  tone,
  toneLabel,
}: {
  label: string;
  value: string | null;
  missingLabel: string;
  hint: string;
  emphasis?: boolean;
  testId: string;
  tone?: keyof typeof TONE;
  toneLabel?: string;
}) {
  const style = tone ? TONE[tone] : null;
  return (
    <Card className={`flex flex-col !p-5 ${emphasis ? `border-l-4 ${style?.border ?? "border-l-blue-700"}` : ""}`} data-testid={testId} data-tone={tone ?? "normal"}>
      <h2 className="flex items-center gap-2 text-sm font-medium text-gray-700">
        {label}
        {style && toneLabel && <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.badge}`}>{toneLabel}</span>}
      </h2>
      <p className={`mt-2 font-semibold tabular-nums tracking-tight ${style?.value ?? "text-gray-900"} ${emphasis ? "text-3xl" : "text-2xl"}`}>
        {value ?? (
          <>
            <span aria-hidden="true">—</span>
            <span className="sr-only">{missingLabel}</span>
          </>
        )}
      </p>
      <p className="mt-3 text-sm leading-relaxed text-gray-600">{hint}</p>
    </Card>
  );
}
