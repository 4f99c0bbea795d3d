import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { AddCardForm } from "@/components/payments/add-card-form";
import { MethodRow } from "@/components/payments/method-row";
import { NoCardPaymentsNote, TestPaymentsBanner } from "@/components/payments/payments-setup";
import { ProviderButtons } from "@/components/payments/provider-buttons";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireAccountPage } from "@/lib/auth/guards";
import { listMethods, saveProviderMethod } from "@/lib/payments/methods";
import { activeProvider, stripeProvider } from "@/lib/payments/registry";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.paymentMethods"))("title") };
}

export default async function PaymentMethodsPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ setup?: string }> }) {
  const { account, user } = await requireAccountPage((await params).accountId, "payment_methods.manage");
  const db = getDb();
  const [t, format] = await Promise.all([getTranslations("payments.methods"), getFormatter()]);
  const provider = activeProvider();

  // Back from Stripe's setup page: save what it saved (the webhook does the same; saving is idempotent by token).
  let setupNote: { tone: "success" | "warning"; text: string } | null = null;
  const setup = (await searchParams).setup;
  const stripe = stripeProvider();
  if (setup && stripe && /^cs_[A-Za-z0-9_]+$/.test(setup)) {
    const saved = await stripe.finishSetup(setup, account.id).catch(() => null);
    if (saved) {
      await saveProviderMethod(db, { accountId: account.id, provider: "stripe", method: saved, who: { userId: user.id } });
      setupNote = { tone: "success", text: t("stripeReturned", { label: saved.label }) };
    } else setupNote = { tone: "warning", text: t("stripeNotFinished") };
  }

  const methods = await listMethods(db, { accountId: account.id });
  const wallets = (provider?.methodKinds ?? []).filter((k): k is "paypal" | "alipay" => k !== "card");
  const providerName = provider ? t(`providers.${provider.name}`) : "";
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <TestPaymentsBanner />
      {setupNote && (
        <div className="mb-4">
          <Alert tone={setupNote.tone}>{setupNote.text}</Alert>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <Card title={t("saved")}>
            {methods.length === 0 ? (
              <p className="text-sm text-gray-600" data-testid="no-methods">
                {t("empty")}
              </p>
            ) : (
              <ul className="divide-y divide-gray-100" data-testid="methods">
                {methods.map((m) => (
                  <MethodRow
                    key={m.id}
                    accountId={account.id}
                    canManage
                    method={{ id: m.id, label: m.label, kind: m.kind, provider: m.provider, isDefault: m.isDefault, isPrimary: m.isPrimary, added: format.dateTime(m.createdAt, { dateStyle: "medium", timeZone: "UTC" }) }}
                  />
                ))}
              </ul>
            )}
            <div className="mt-4 space-y-1 text-xs text-gray-600">
              <p>{t("defaultHint")}</p>
              <p>{t("primaryHint")}</p>
            </div>
          </Card>
          <Card title={t("wireTitle")}>
            <p className="text-sm text-gray-700">{t("wireBody")}</p>
          </Card>
        </div>
        <div className="space-y-6 lg:col-span-2">
          <Card title={t("addCard")}>
            {!provider ? (
              <NoCardPaymentsNote />
            ) : provider.name === "test" ? (
              <AddCardForm accountId={account.id} />
            ) : (
              <div className="space-y-3">
                <p className="text-sm text-gray-700">{t("stripeBody")}</p>
                <ProviderButtons accountId={account.id} provider="stripe" kinds={["card"]} />
              </div>
            )}
          </Card>
          <Card title={t("wallets")}>
            {!provider ? (
              <NoCardPaymentsNote />
            ) : wallets.length ? (
              <div className="space-y-3">
                <p className="text-sm text-gray-700">{t("walletsBody", { provider: providerName })}</p>
                <ProviderButtons accountId={account.id} provider={provider.name} kinds={wallets} />
              </div>
            ) : (
              <p className="text-sm text-gray-600">{t("notOffered", { provider: providerName })}</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
