import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FeaturePage } from "@/components/console/feature-page";
import { requireAccountPage } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.resources"))("title") };
}

export default async function ResourcesPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireAccountPage((await params).accountId, "resources.read");
  const t = await getTranslations("pages.resources");
  return <FeaturePage title={t("title")} description={t("description")} icon="resources" emptyTitle={t("emptyTitle")} emptyBody={t("emptyBody")} />;
}
