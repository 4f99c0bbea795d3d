import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/console/status-page";

export default async function Forbidden() {
  const t = await getTranslations("pages.errors.forbidden");
  return <StatusPage code="403" title={t("title")} body={t("body")} backHref="/" backLabel={t("back")} />;
}
