import type { Micros } from "@/lib/money";

/**
 * What the app needs from a payment provider: charge a saved method once per idempotency
 * key (a retried call with the same key is answered with the first result, never a second
 * charge), refund, and turn a signed webhook body into a verified event.
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
  /** The provider's customer the method belongs to (Stripe), when it has one. */
  customerRef?: string | null;
  /** Our payment id, echoed back by the provider's webhooks. */
  paymentId?: string;
}

export type RefundOutcome = { status: "succeeded"; providerRefundId: string } | { status: "failed"; message: string } | { status: "unknown"; providerRefundId?: string };

export interface RefundRequest {
  providerPaymentId: string;
  amount: Micros;
  idempotencyKey: string;
}

export type MethodKind = "card" | "paypal" | "alipay";

/** A method as the provider saved it: a token and what may be shown. Never card numbers. */
export interface SavedMethod {
  token: string;
  kind: MethodKind;
  brand: string | null;
  last4: string | null;
  label: string;
}

/** A verified webhook event, in the app's terms. `id` is the provider's event id (replays share it). */
export type WebhookEvent =
  | { id: string; type: "payment.succeeded"; providerPaymentId: string; paymentId?: string | null }
  | { id: string; type: "payment.failed"; providerPaymentId: string; paymentId?: string | null; message: string }
  /** A method was saved on the provider's own page (Stripe Checkout in setup mode); the app describes and stores it. */
  | { id: string; type: "method.setup"; accountId: string; providerMethodRef: string }
  | { id: string; type: "ignored"; providerType: string };

/** The body or its signature did not verify: answer 400 and change nothing. */
export class WebhookSignatureError extends Error {}

/** The provider could not be reached or did not answer in time: the outcome is unknown, reconcile later. */
export class ProviderUnavailableError extends Error {}

export interface PaymentProvider {
  readonly name: "test" | "stripe";
  /** The kinds of method this provider can save besides cards (PayPal, Alipay), in display order. */
  readonly methodKinds: readonly MethodKind[];
  charge(req: ChargeRequest): Promise<ChargeOutcome>;
  refund(req: RefundRequest): Promise<RefundOutcome>;
  /** Verifies the signature over the raw body and returns the event; throws WebhookSignatureError. */
  parseWebhook(rawBody: string, headers: Headers, now?: Date): WebhookEvent;
}
