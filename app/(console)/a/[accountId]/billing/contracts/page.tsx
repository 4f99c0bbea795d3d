import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FeaturePage } from "@/components/console/feature-page";
import { requireAccountPage } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.contracts"))("title") };
}

export default async function ContractsPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireAccountPage((await params).accountId, "billing.read");
  const t = await getTranslations("pages.contracts");
  return <FeaturePage title={t("title")} description={t("description")} icon="contracts" emptyTitle={t("emptyTitle")} emptyBody={t("emptyBody")} />;
}
