import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { EmailPreview } from "@/components/outbox/email-preview";
import { EmailTable } from "@/components/outbox/email-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { getOutboxEmail, listOutbox } from "@/db/queries/outbox";
import { publicDemoMailbox } from "@/lib/env";
import { inputClass } from "@/components/ui/input";

export async function generateMetadata(): Promise<Metadata> {
  if (!publicDemoMailbox()) return {};
  return { title: (await getTranslations("mailbox"))("title"), robots: { index: false } };
}

/**
 * The demo's mailbox: demo mode only (a 404 in production, whatever the database or email
 * setting). The demo listens on 127.0.0.1 unless HOST widens it, so only this machine can
 * reach it; lib/server/mode-report.ts warns at start-up when it is wider.
 */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string; id?: string }> }) {
  if (!publicDemoMailbox()) notFound();
  const sp = await searchParams;
  const to = typeof sp.to === "string" ? sp.to.trim().slice(0, 320) : "";
  const id = typeof sp.id === "string" ? sp.id : undefined;
  const db = getDb();
  const [t, emails, selected] = await Promise.all([getTranslations("mailbox"), listOutbox(db, { to: to || undefined, limit: 100 }), id ? getOutboxEmail(db, { id }) : null]);
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ ...(to ? { to } : {}), ...extra });
    const s = p.toString();
    return s ? `/dev/mailbox?${s}` : "/dev/mailbox";
  };

  return (
    <div className="min-h-screen">
      <header className="flex h-14 items-center gap-3 bg-gray-900 px-4 text-white">
        <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-md bg-blue-600 text-xs font-bold">
          BC
        </span>
        <span className="text-sm font-semibold">{t("brand")}</span>
        <Link href="/sign-in" className="ml-auto rounded-md px-3 py-1.5 text-sm font-medium text-white ring-1 ring-inset ring-gray-600 hover:bg-gray-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400">
          {t("signIn")}
        </Link>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-semibold text-gray-900">{t("title")}</h1>
        <p className="mt-1 text-sm text-gray-600">{t("description")}</p>
        <div className="mt-4">
          <Alert tone="warning">{t("publicNotice")}</Alert>
        </div>
        <form method="get" action="/dev/mailbox" role="search" className="mt-6 flex flex-wrap items-end gap-3">
          <div className="w-full max-w-sm space-y-1">
            <label htmlFor="mailbox-to" className="block text-sm font-medium text-gray-800">
              {t("filterLabel")}
            </label>
            <input
              id="mailbox-to"
              name="to"
              type="email"
              defaultValue={to}
              placeholder={t("filterPlaceholder")}
              className={inputClass()}
            />
          </div>
          <button type="submit" className={buttonClass("primary")}>
            {t("filter")}
          </button>
          {to && (
            <Link href="/dev/mailbox" className={buttonClass("secondary")}>
              {t("clear")}
            </Link>
          )}
        </form>
        {selected && (
          <div className="mt-6">
            <EmailPreview email={selected} closeHref={qs({})} showLinks />
          </div>
        )}
        <div className="mt-6">
          {emails.length === 0 ? (
            <EmptyState icon="outbox" title={to ? t("emptyFiltered", { to }) : t("empty")} body={t("emptyBody")} />
          ) : (
            <EmailTable emails={emails} selectedId={selected?.id} hrefFor={(eid) => qs({ id: eid })} showDelivery={false} />
          )}
        </div>
      </main>
    </div>
  );
}
