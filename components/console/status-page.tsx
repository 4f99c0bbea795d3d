import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** 403 / 404 / error pages: a code, what happened, and a way back. Never a raw error message. */
export function StatusPage({ code, title, body, backHref, backLabel, children, framed = true }: { code: string; title: string; body: string; backHref?: string; backLabel?: string; children?: React.ReactNode; framed?: boolean }) {
  const content = (
    <div className="mx-auto max-w-lg text-center">
      <p className="text-sm font-semibold tracking-wider text-blue-700">{code}</p>
      <h1 className="mt-2 text-2xl font-semibold text-gray-900 sm:text-3xl">{title}</h1>
      <p className="mt-3 text-base text-gray-700">{body}</p>
      <div className="mt-8 flex flex-wrap items-center justify-center gap-3">
        {children}
        {backHref && backLabel && (
          <Link href={backHref} className={buttonClass("primary")}>
            {backLabel}
          </Link>
        )}
      </div>
    </div>
  );
  return framed ? <main className="flex min-h-screen items-center justify-center px-6 py-24">{content}</main> : <div className="py-16">{content}</div>;
}
