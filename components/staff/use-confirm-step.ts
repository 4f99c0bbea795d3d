"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";

/**
 * The state of a staff form's two steps (the form, then ConfirmPanel): `review` opens the
 * confirmation on a draft, `confirm` sends it and, when it is saved, goes back to the form
 * on the refreshed page; `edit` goes back without sending. `result` is the last answer.
 */
export function useConfirmStep<D, R>(send: (draft: D) => Promise<ActionResult<R>>) {
  const router = useRouter();
  const [draft, setDraft] = useState<D | null>(null);
  const [result, setResult] = useState<ActionResult<R> | null>(null);
  const [pending, startTransition] = useTransition();
  return {
    draft,
    result,
    pending,
    failed: result && !result.ok ? result : null,
    review: (next: D) => {
      setResult(null);
      setDraft(next);
    },
    confirm: () =>
      startTransition(async () => {
        if (draft === null) return;
        const r = await send(draft);
        setResult(r);
        if (r.ok) {
          setDraft(null);
          router.refresh();
        }
      }),
    edit: () => setDraft(null),
  };
}
