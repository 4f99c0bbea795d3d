import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { extractLinks } from "./email-links";

export interface PreviewEmail {
  id: string;
  to: string;
  subject: string;
  html: string;
  createdAt: Date;
}

/**
 * One rendered email in an iframe with an empty sandbox: no scripts, no forms, no
 * navigation, and an opaque origin, so its HTML can never act on the console.
 */
export async function EmailPreview({ email, closeHref, showLinks = false, hiddenNotice, actions }: { email: PreviewEmail; closeHref: string; showLinks?: boolean; hiddenNotice?: string; actions?: ReactNode }) {
  const [t, format] = await Promise.all([getTranslations("mailbox.preview"), getFormatter()]);
  const links = showLinks ? extractLinks(email.html) : [];
  return (
    <section aria-labelledby="email-preview-title" className="rounded-lg bg-white shadow-sm ring-1 ring-gray-200" data-testid="email-preview">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-gray-200 px-5 py-4">
        <div className="min-w-0">
          <h2 id="email-preview-title" className="truncate text-base font-semibold text-gray-900">
            {email.subject}
          </h2>
          <p className="mt-1 text-sm text-gray-700">
            {t("to", { to: email.to })} · {format.dateTime(email.createdAt, { dateStyle: "medium", timeStyle: "short" })}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {actions}
          <Link href={closeHref} scroll={false} className="rounded-md px-3 py-1.5 text-sm font-medium text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700">
            {t("close")}
          </Link>
        </div>
      </header>
      {links.length > 0 && (
        <div className="border-b border-gray-200 bg-blue-50 px-5 py-3">
          <h3 className="text-sm font-semibold text-blue-900">{t("links")}</h3>
          <ul className="mt-1 space-y-1">
            {links.map((href) => (
              <li key={href}>
                <a href={href} className="break-all text-sm text-blue-800 underline hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-700" data-testid="email-link">
                  {href}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {hiddenNotice ? (
        <p className="px-5 py-8 text-sm text-gray-700">{hiddenNotice}</p>
      ) : (
        <iframe title={t("frameTitle", { subject: email.subject })} srcDoc={email.html} sandbox="" className="block h-[36rem] w-full rounded-b-lg bg-white" />
      )}
    </section>
  );
}
