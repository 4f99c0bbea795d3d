import { testPaymentsEnabled } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PaymentProvider } from "./provider";
import { StripePaymentProvider, stripeConfigFromEnv } from "./stripe-provider";
import { TestPaymentProvider } from "./test-provider";

/** The built-in test provider itself; the app reaches it only through enabledTestProvider / providerFor. */
export const testProvider = new TestPaymentProvider();
let stripe: StripePaymentProvider | null | undefined;

export function stripeProvider(): StripePaymentProvider | null {
  if (stripe === undefined) {
    const config = stripeConfigFromEnv();
    stripe = config ? new StripePaymentProvider(config) : null;
  }
  return stripe;
}

/** The built-in test provider, only where test money is allowed (demo mode, or PAYMENTS_TEST_PROVIDER=on). */
export function enabledTestProvider(): TestPaymentProvider | null {
  return testPaymentsEnabled() ? testProvider : null;
}

/**
 * The provider new cards (and PayPal, Alipay) are saved with: Stripe when STRIPE_SECRET_KEY
 * is set, else the built-in test provider where it is allowed, else none: a production
 * site without Stripe takes bank transfers only.
 */
export function activeProvider(): TestPaymentProvider | StripePaymentProvider | null {
  return stripeProvider() ?? enabledTestProvider();
}

/** What the start-up log and the payment pages say: Stripe, the test provider, or bank transfer only. */
export function paymentsSetup(): "stripe" | "test" | "none" {
  return activeProvider()?.name ?? "none";
}

/** Whether a saved method or a payment of this provider can be charged here (a test card cannot in production). */
export function providerAvailable(name: string): boolean {
  return (name === "test" && testPaymentsEnabled()) || (name === "stripe" && stripeProvider() !== null);
}

/** The provider a saved method or a payment belongs to. A method saved with Stripe needs Stripe configured to be charged. */
export function providerFor(name: string): PaymentProvider {
  if (name === "test" && testPaymentsEnabled()) return testProvider;
  if (name === "stripe") {
    const s = stripeProvider();
    if (s) return s;
  }
  throw new AppError("CONFLICT", `The payment provider "${name}" is not configured.`);
}
