"use client";
import { useTranslations } from "next-intl";
import { type ChangeEvent, createContext, type FormEvent, type ReactNode, useContext, useEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/actions/action";
import { StaffReason } from "@/lib/staff/reason";
import { fieldError } from "./messages";

interface Notice {
  tone: "success" | "info" | "warning";
  text: string;
}

const NoticeContext = createContext<(n: Notice) => void>(() => {});

/**
 * The outcome of the last staff payment action, above the tables: a confirmed transfer
 * leaves the pending list at once (the page is revalidated), so its row cannot say it.
 */
export function StaffPaymentNotices({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.scrollIntoView({ block: "center" });
  }, [notice]);
  return (
    <NoticeContext.Provider value={setNotice}>
      {notice && (
        <div ref={ref} className="mb-4" data-testid="staff-payments-result">
          <Alert tone={notice.tone}>{notice.text}</Alert>
        </div>
      )}
      {children}
    </NoticeContext.Provider>
  );
}

export const useStaffNotice = () => useContext(NoticeContext);

/**
 * The two steps of a staff payment action: the form (controlled, so "Edit" brings back
 * what was typed), then the confirmation; the action runs only on Confirm. `check`
 * validates the amount in the browser (the reason rule is the actions' own); the server
 * checks everything again, and its field errors bring the form back with the message.
 */
export function useStaffStep<V extends { reason: string }, R>({
  initial,
  check,
  run,
  done,
  vars,
}: {
  initial: V;
  check: (values: V) => Record<string, string>;
  run: (values: V) => Promise<ActionResult<R>>;
  done: (data: R) => void;
  vars?: Record<string, string>;
}) {
  const tAll = useTranslations();
  const [values, setValues] = useState(initial);
  const [reviewing, setReviewing] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const review = (e: FormEvent) => {
    e.preventDefault();
    const found = check(values);
    if (!StaffReason.safeParse(values.reason).success) found.reason = tAll("staff.confirm.errors.reason");
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length === 0) setReviewing(true);
  };
  const confirm = () =>
    startTransition(async () => {
      const r = await run(values);
      if (r.ok) {
        setReviewing(false);
        done(r.data);
      } else if (r.fieldErrors && Object.keys(r.fieldErrors).length > 0) {
        setErrors(Object.fromEntries(Object.keys(r.fieldErrors).map((f) => [f, fieldError(tAll, r, f, vars) ?? tAll("errors.VALIDATION")])));
        setReviewing(false);
      } else setFailure(tAll(`errors.${r.code}` as never));
    });
  return {
    values,
    set: (k: keyof V & string) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [k]: e.target.value })),
    reset: () => setValues(initial),
    reviewing,
    errors,
    failure,
    pending,
    review,
    confirm,
    edit: () => {
      setReviewing(false);
      setFailure(null);
    },
  };
}
