import Stripe from "stripe";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { toCents } from "@/lib/money";
import type { ChargeOutcome, ChargeRequest, MethodKind, PaymentProvider, RefundOutcome, RefundRequest, SavedMethod, WebhookEvent } from "./provider";
import { ProviderUnavailableError, WebhookSignatureError } from "./provider";
import { SIGNATURE_TOLERANCE_SECONDS } from "./signature";

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** Payment method types offered besides cards, from STRIPE_PAYMENT_METHOD_TYPES (e.g. "card,paypal,alipay"). */
  methodKinds?: MethodKind[];
  /** A client to use instead of one made from the key (tests pass a stand-in; nothing goes to the network). */
  client?: Stripe;
}

export function stripeConfigFromEnv(): StripeConfig | null {
  const secretKey = process.env.STRIPE_SECRET_KEY;
  if (!secretKey) return null;
  const kinds = (process.env.STRIPE_PAYMENT_METHOD_TYPES ?? "card").split(",").map((s) => s.trim()).filter((s): s is MethodKind => s === "card" || s === "paypal" || s === "alipay");
  return { secretKey, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "", methodKinds: kinds.length ? kinds : ["card"] };
}

const cents = (micros: bigint) => Number(toCents(micros));

/** Stripe's network and server errors leave the outcome open: the payment is reconciled with the same key. */
function unavailable(e: unknown): boolean {
  return e instanceof Stripe.errors.StripeConnectionError || e instanceof Stripe.errors.StripeAPIError || e instanceof Stripe.errors.StripeRateLimitError;
}

function describe(pm: Stripe.PaymentMethod): SavedMethod {
  if (pm.type === "card" && pm.card) {
    const brand = pm.card.brand.charAt(0).toUpperCase() + pm.card.brand.slice(1);
    return { token: pm.id, kind: "card", brand, last4: pm.card.last4, label: `${brand} •••• ${pm.card.last4}` };
  }
  const kind: MethodKind = pm.type === "paypal" ? "paypal" : pm.type === "alipay" ? "alipay" : "card";
  return { token: pm.id, kind, brand: null, last4: null, label: kind === "paypal" ? "PayPal" : kind === "alipay" ? "Alipay" : pm.type };
}

/**
 * Stripe: PaymentIntents charged off-session on a saved PaymentMethod of the account's
 * Customer, with our payment key as Stripe's Idempotency-Key (a retry after a timeout gets
 * the first PaymentIntent back, never a second charge); methods saved through Checkout in
 * setup mode (Stripe's page collects the card, PayPal or Alipay; no card data reaches us);
 * webhooks verified with the signing secret over the raw body.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = "stripe" as const;
  readonly methodKinds: readonly MethodKind[];
  private readonly stripe: Stripe;

  constructor(private readonly config: StripeConfig) {
    this.stripe = config.client ?? new Stripe(config.secretKey, { timeout: 20_000, maxNetworkRetries: 1 });
    this.methodKinds = config.methodKinds ?? ["card"];
  }

  async createCustomer(accountId: string, name: string): Promise<string> {
    const c = await this.stripe.customers.create({ name, metadata: { accountId } }, { idempotencyKey: `customer:${accountId}` });
    return c.id;
  }

  /** Starts Checkout in setup mode; the customer comes back to `returnUrl` with `?setup=<session id>`. */
  async startSetup(input: { accountId: string; customerRef: string; kind: MethodKind; returnUrl: string; cancelUrl: string }): Promise<string> {
    const session = await this.stripe.checkout.sessions.create({
      mode: "setup",
      customer: input.customerRef,
      currency: "usd",
      allowed_payment_method_types: [input.kind],
      success_url: `${input.returnUrl}${input.returnUrl.includes("?") ? "&" : "?"}setup={CHECKOUT_SESSION_ID}`,
      cancel_url: input.cancelUrl,
      metadata: { accountId: input.accountId },
      setup_intent_data: { metadata: { accountId: input.accountId } },
    });
    if (!session.url) throw new AppError("INTERNAL", "Stripe did not return a setup page.");
    return session.url;
  }

  /** The method a finished setup session saved, if it belongs to `accountId`. */
  async finishSetup(sessionId: string, accountId: string): Promise<SavedMethod | null> {
    const session = await this.stripe.checkout.sessions.retrieve(sessionId, { expand: ["setup_intent.payment_method"] });
    if (session.metadata?.accountId !== accountId) return null;
    const si = session.setup_intent;
    if (!si || typeof si === "string" || si.status !== "succeeded" || !si.payment_method || typeof si.payment_method === "string") return null;
    return describe(si.payment_method);
  }

  async describeMethod(paymentMethodId: string): Promise<SavedMethod> {
    return describe(await this.stripe.paymentMethods.retrieve(paymentMethodId));
  }

  async removeMethod(token: string): Promise<void> {
    await this.stripe.paymentMethods.detach(token);
  }

  async charge(req: ChargeRequest): Promise<ChargeOutcome> {
    try {
      const pi = await this.stripe.paymentIntents.create(
        {
          amount: cents(req.amount),
          currency: "usd",
          customer: req.customerRef ?? undefined,
          payment_method: req.token,
          off_session: true,
          confirm: true,
          description: req.description,
          metadata: req.paymentId ? { paymentId: req.paymentId } : {},
        },
        { idempotencyKey: req.idempotencyKey },
      );
      if (pi.status === "succeeded") return { status: "succeeded", providerPaymentId: pi.id };
      if (pi.status === "requires_payment_method" || pi.status === "canceled") return { status: "declined", providerPaymentId: pi.id, message: pi.last_payment_error?.message ?? "The payment was declined." };
      return { status: "unknown", providerPaymentId: pi.id };
    } catch (e) {
      if (e instanceof Stripe.errors.StripeCardError) {
        const providerPaymentId = e.payment_intent?.id;
        if (e.decline_code === "insufficient_funds") return { status: "insufficient_funds", providerPaymentId, message: "The card has insufficient funds." };
        return { status: "declined", providerPaymentId, message: e.message || "The card was declined." };
      }
      if (unavailable(e)) throw new ProviderUnavailableError("Stripe did not answer.");
      throw e;
    }
  }

  async refund(req: RefundRequest): Promise<RefundOutcome> {
    try {
      const r = await this.stripe.refunds.create({ payment_intent: req.providerPaymentId, amount: cents(req.amount) }, { idempotencyKey: req.idempotencyKey });
      if (r.status === "succeeded") return { status: "succeeded", providerRefundId: r.id };
      if (r.status === "failed" || r.status === "canceled") return { status: "failed", message: r.failure_reason ?? "The refund failed." };
      return { status: "unknown", providerRefundId: r.id };
    } catch (e) {
      if (unavailable(e)) return { status: "unknown" };
      throw e;
    }
  }

  parseWebhook(rawBody: string, headers: Headers, now = clockNow()): WebhookEvent {
    if (!this.config.webhookSecret) throw new WebhookSignatureError("STRIPE_WEBHOOK_SECRET is not set.");
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, headers.get("stripe-signature") ?? "", this.config.webhookSecret, SIGNATURE_TOLERANCE_SECONDS, undefined, now.getTime()); // receivedAt is in milliseconds
    } catch (e) {
      throw new WebhookSignatureError(e instanceof Error ? e.message : "The signature does not verify.");
    }
    switch (event.type) {
      case "payment_intent.succeeded": {
        const pi = event.data.object;
        return { id: event.id, type: "payment.succeeded", providerPaymentId: pi.id, paymentId: pi.metadata?.paymentId ?? null };
      }
      case "payment_intent.payment_failed": {
        const pi = event.data.object;
        return { id: event.id, type: "payment.failed", providerPaymentId: pi.id, paymentId: pi.metadata?.paymentId ?? null, message: pi.last_payment_error?.message ?? "The payment failed." };
      }
      case "setup_intent.succeeded": {
        const si = event.data.object;
        const accountId = si.metadata?.accountId;
        const pm = si.payment_method;
        if (!accountId || !pm) return { id: event.id, type: "ignored", providerType: event.type };
        return { id: event.id, type: "method.setup", accountId, providerMethodRef: typeof pm === "string" ? pm : pm.id };
      }
      default:
        return { id: event.id, type: "ignored", providerType: event.type };
    }
  }
}
