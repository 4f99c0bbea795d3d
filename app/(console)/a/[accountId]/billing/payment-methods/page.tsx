import type { Metadata } from "next";
import type { ComponentProps } from "react";
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

/** Back from Stripe's setup page: save what it saved (the webhook does the same; saving is idempotent by token). */
async function finishStripeSetup(setup: string | undefined, accountId: string, userId: string, t: Awaited<ReturnType<typeof getTranslations<"payments.methods">>>) {
  const stripe = stripeProvider();
  if (!setup || !stripe || !/^cs_[A-Za-z0-9_]+$/.test(setup)) return null;
  const saved = await stripe.finishSetup(setup, accountId).catch(() => null);
  if (!saved) return { tone: "warning" as const, text: t("stripeNotFinished") };
  await saveProviderMethod(getDb(), { accountId, provider: "stripe", method: saved, who: { userId } });
  return { tone: "success" as const, text: t("stripeReturned", { label: saved.label }) };
}

/** The saved methods, or a line saying there are none. */
function SavedMethods({ accountId, empty, methods }: { accountId: string; empty: string; methods: ComponentProps<typeof MethodRow>["method"][] }) {
  return (
    <>
      {methods.length === 0 ? (
        <p className="text-sm text-gray-600" data-testid="no-methods">
          {empty}
        </p>
      ) : (
        <ul className="divide-y divide-gray-100" data-testid="methods">
          {methods.map((m) => (
            <MethodRow key={m.id} accountId={accountId} canManage method={m} />
          ))}
        </ul>
      )}
    </>
  );
}

export default async function PaymentMethodsPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ setup?: string }> }) {
  const { account, user } = await requireAccountPage((await params).accountId, "payment_methods.manage");
  const db = getDb();
  const [t, format] = await Promise.all([getTranslations("payments.methods"), getFormatter()]);
  const provider = activeProvider();

  const setupNote = await finishStripeSetup((await searchParams).setup, account.id, user.id, t);

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
            <SavedMethods
              accountId={account.id}
              empty={t("empty")}
              methods={methods.map((m) => ({ id: m.id, label: m.label, kind: m.kind, provider: m.provider, isDefault: m.isDefault, isPrimary: m.isPrimary, added: format.dateTime(m.createdAt, { dateStyle: "medium", timeZone: "UTC" }) }))}
            />
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
