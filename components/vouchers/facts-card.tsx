import { Card } from "@/components/ui/card";

const COLUMNS = { 5: "lg:grid-cols-5", 7: "lg:grid-cols-7" } as const;

/** A card of labelled figures: a voucher's or a batch's terms at a glance. */
export function FactsCard({ facts, columns, testId }: { facts: [string, string][]; columns: keyof typeof COLUMNS; testId: string }) {
  return (
    <Card className="mb-6">
      <dl className={`grid gap-4 sm:grid-cols-3 ${COLUMNS[columns]}`} data-testid={testId}>
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs font-medium uppercase tracking-wide text-gray-600">{k}</dt>
            <dd className="mt-1 text-sm font-medium text-gray-900">{v}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
