"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { StatusPage } from "@/components/console/status-page";
import { Button } from "@/components/ui/button";

/** Any unexpected error: a generic message and the digest for support, never the raw message. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("pages.errors.error");
  const tu = useTranslations("pages.errors.unavailable");
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  // The page cannot tell why it failed (production hides the cause), so ask whether the database is away.
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    console.error(error);
    fetch("/api/health", { cache: "no-store" })
      .then((r) => setUnavailable(r.status === 503))
      .catch(() => setUnavailable(false));
  }, [error]);
  if (unavailable) {
    return (
      <StatusPage code={tu("code")} title={tu("title")} body={tu("body")} backHref="/" backLabel={tu("back")}>
        <Button variant="secondary" type="button" onClick={() => retry()}>
          {tu("retry")}
        </Button>
      </StatusPage>
    );
  }
  return (
    <StatusPage code={t("code")} title={t("title")} body={t("body")} backHref="/" backLabel={t("back")}>
      <Button variant="secondary" type="button" onClick={() => retry()}>
        {t("retry")}
      </Button>
      {digest && <p className="w-full text-xs text-gray-600">{t("reference", { digest })}</p>}
    </StatusPage>
  );
}
