"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action";
import { runJobAction } from "@/lib/actions/staff/run-job";

/** Run a period-keyed job now; a second click in the same period reports that it already ran. */
export function RunJobButton({ job, label }: { job: string; label: string }) {
  const t = useTranslations("staff.runs");
  const te = useTranslations("errors");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ ran: boolean }> | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-3">
      <Button
        type="button"
        variant="secondary"
        className="whitespace-nowrap"
        disabled={pending}
        aria-label={t("runNowLabel", { job: label })}
        data-testid={`run-${job}`}
        onClick={() =>
          startTransition(async () => {
            const r = await runJobAction({ job });
            setResult(r);
            router.refresh();
          })
        }
      >
        {pending ? t("running") : t("runNow")}
      </Button>
      <span role="status" className="text-xs text-gray-700" data-testid={`run-${job}-result`}>
        {result && (result.ok ? t(result.data.ran ? "ran" : "alreadyRan") : te(result.code))}
      </span>
    </div>
  );
}
