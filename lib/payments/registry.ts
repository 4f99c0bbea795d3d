import { AppError } from "@/lib/errors";
import type { PaymentProvider } from "./provider";
import { StripePaymentProvider, stripeConfigFromEnv } from "./stripe-provider";
import { TestPaymentProvider } from "./test-provider";

export const testProvider = new TestPaymentProvider();
let stripe: StripePaymentProvider | null | undefined;

export function stripeProvider(): StripePaymentProvider | null {
  if (stripe === undefined) {
    const config = stripeConfigFromEnv();
    stripe = config ? new StripePaymentProvider(config) : null;
  }
  return stripe;
}

/** The provider new cards (and PayPal, Alipay) are saved with: Stripe when STRIPE_SECRET_KEY is set, else the built-in test provider. */
export function activeProvider(): TestPaymentProvider | StripePaymentProvider {
  return stripeProvider() ?? testProvider;
}

/** The provider a saved method or a payment belongs to. A method saved with Stripe needs Stripe configured to be charged. */
export function providerFor(name: string): PaymentProvider {
  if (name === "test") return testProvider;
  if (name === "stripe") {
    const s = stripeProvider();
    if (s) return s;
  }
  throw new AppError("CONFLICT", `The payment provider "${name}" is not configured.`);
}
