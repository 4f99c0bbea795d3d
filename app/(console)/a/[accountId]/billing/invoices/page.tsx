import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FeaturePage } from "@/components/console/feature-page";
import { requireAccountPage } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.invoices"))("title") };
}

export default async function InvoicesPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireAccountPage((await params).accountId, "invoices.read");
  const t = await getTranslations("pages.invoices");
  return <FeaturePage title={t("title")} description={t("description")} icon="invoices" emptyTitle={t("emptyTitle")} emptyBody={t("emptyBody")} />;
}
