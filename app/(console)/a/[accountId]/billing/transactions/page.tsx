import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FeaturePage } from "@/components/console/feature-page";
import { requireAccountPage } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.transactions"))("title") };
}

export default async function TransactionsPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireAccountPage((await params).accountId, "transactions.read");
  const t = await getTranslations("pages.transactions");
  return <FeaturePage title={t("title")} description={t("description")} icon="transactions" emptyTitle={t("emptyTitle")} emptyBody={t("emptyBody")} />;
}
