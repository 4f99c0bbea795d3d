import { Alert } from "@/components/ui/alert";

/** Above a filtered list whose period was reversed: the filter was ignored, say so. */
export function BadPeriodAlert({ show, text }: { show: boolean; text: string }) {
  if (!show) return null;
  return (
    <div className="mb-4">
      <Alert tone="warning">{text}</Alert>
    </div>
  );
}
