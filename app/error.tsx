"use client";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { StatusPage } from "@/components/console/status-page";
import { Button } from "@/components/ui/button";

/** Any unexpected error: a generic message and the digest for support, never the raw message. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("pages.errors.error");
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <StatusPage code={t("code")} title={t("title")} body={t("body")} backHref="/" backLabel={t("back")}>
      <Button variant="secondary" type="button" onClick={() => retry()}>
        {t("retry")}
      </Button>
      {digest && <p className="w-full text-xs text-gray-600">{t("reference", { digest })}</p>}
    </StatusPage>
  );
}
