import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/console/status-page";

/** A 403 inside an account keeps the shell, so the user can go where their role allows. */
export default async function AccountForbidden() {
  const t = await getTranslations("pages.errors.forbidden");
  return <StatusPage framed={false} code="403" title={t("title")} body={t("bodyInAccount")} backHref="/" backLabel={t("back")} />;
}
