import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { isDemoMode, testPaymentsEnabled } from "@/lib/env";
import { paymentsSetup } from "@/lib/payments/registry";

/**
 * A staging site with the built-in test provider (PAYMENTS_TEST_PROVIDER=on) says so on
 * every payment page: its test cards credit balances but move no money. The demo says it
 * on its sign-in page already.
 */
export async function TestPaymentsBanner() {
  if (isDemoMode() || !testPaymentsEnabled()) return null;
  const t = await getTranslations("payments.setup");
  return (
    <div className="mb-4" data-testid="test-payments-banner">
      <Alert tone="warning">
        <strong className="font-semibold">{t("testTitle")}</strong> {t("testBody")}
      </Alert>
    </div>
  );
}

/** Production without a card provider: why card, PayPal and Alipay are missing (bank transfer remains). */
export async function NoCardPaymentsNote({ what = "noCards" }: { what?: "noCards" | "noAutoRecharge" }) {
  if (paymentsSetup() !== "none") return null;
  const t = await getTranslations("payments.setup");
  return (
    <div data-testid="no-card-payments">
      <Alert tone="info">{t(what)}</Alert>
    </div>
  );
}
