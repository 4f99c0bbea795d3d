import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/console/status-page";

export default async function NotFound() {
  const t = await getTranslations("pages.errors.notFound");
  return <StatusPage code="404" title={t("title")} body={t("body")} backHref="/" backLabel={t("back")} />;
}
