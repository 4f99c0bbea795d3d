import { Card } from "@tremor/react";

/** One figure of the overview: label, amount, and its one-line explanation. */
export function FigureCard({ label, value, missingLabel, hint, emphasis = false, testId }: { label: string; value: string | null; missingLabel: string; hint: string; emphasis?: boolean; testId: string }) {
  return (
    <Card className={`flex flex-col !p-5 ${emphasis ? "border-l-4 border-l-blue-700" : ""}`} data-testid={testId}>
      <h2 className="text-sm font-medium text-gray-700">{label}</h2>
      <p className={`mt-2 font-semibold tabular-nums tracking-tight text-gray-900 ${emphasis ? "text-3xl" : "text-2xl"}`}>
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
