import type { Micros } from "@/lib/money";

/**
 * What the billing engine needs from a payment provider: charge a saved method for an
 * amount, once per idempotency key (the provider dedupes a retried call with the same key).
 */
export type ChargeOutcome =
  | { status: "succeeded"; providerPaymentId: string }
  | { status: "declined"; providerPaymentId?: string; message: string }
  | { status: "insufficient_funds"; providerPaymentId?: string; message: string }
  /** The provider has not decided yet; a webhook settles the payment later. */
  | { status: "unknown"; providerPaymentId: string };

export interface ChargeRequest {
  /** The saved method's provider token. */
  token: string;
  amount: Micros;
  currency: "USD";
  idempotencyKey: string;
  description: string;
}

export interface PaymentProvider {
  readonly name: "test" | "stripe";
  charge(req: ChargeRequest): Promise<ChargeOutcome>;
}
