import { readFileSync } from "node:fs";
import path from "node:path";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { dollars } from "@/lib/money";
import { ProviderUnavailableError, WebhookSignatureError } from "./provider";
import { StripePaymentProvider } from "./stripe-provider";

// Offline: the fixtures are Stripe event bodies; signatures are made with Stripe's own helper.
const SECRET = "whsec_test_fixture_secret";
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures/stripe", `${name}.json`), "utf8");
const now = new Date("2026-01-01T00:00:00Z");
const ts = Math.floor(now.getTime() / 1000);
const sign = (payload: string, secret = SECRET, timestamp = ts) => new Headers({ "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }) });
const provider = (client?: unknown) => new StripePaymentProvider({ secretKey: "sk_test_offline", webhookSecret: SECRET, client: client as Stripe | undefined });

describe("Stripe webhooks", () => {
  it("accepts a correctly signed event and maps it", () => {
    const body = fixture("payment_intent.succeeded");
    expect(provider().parseWebhook(body, sign(body), now)).toEqual({ id: "evt_3PfixtureSucceeded", type: "payment.succeeded", providerPaymentId: "pi_3PfixtureSucceeded", paymentId: "6f1c2d9e-0000-4000-8000-00000000aaaa" });
    const failed = fixture("payment_intent.payment_failed");
    expect(provider().parseWebhook(failed, sign(failed), now)).toMatchObject({ type: "payment.failed", providerPaymentId: "pi_3PfixtureFailed", message: "Your card was declined." });
    const setup = fixture("setup_intent.succeeded");
    expect(provider().parseWebhook(setup, sign(setup), now)).toMatchObject({ type: "method.setup", accountId: "0a1c0000-0000-4000-8000-000000000001", providerMethodRef: "pm_fixtureVisa" });
  });

  it("refuses a tampered body", () => {
    const body = fixture("payment_intent.succeeded");
    const headers = sign(body);
    const tampered = body.replace('"amount": 10000', '"amount": 99999999');
    expect(tampered).not.toBe(body);
    expect(() => provider().parseWebhook(tampered, headers, now)).toThrow(WebhookSignatureError);
    // Even re-serialising the same JSON changes the raw bytes: the signature is over the raw body.
    expect(() => provider().parseWebhook(JSON.stringify(JSON.parse(body)), headers, now)).toThrow(WebhookSignatureError);
  });

  it("refuses a signature made with another secret", () => {
    const body = fixture("payment_intent.succeeded");
    expect(() => provider().parseWebhook(body, sign(body, "whsec_someone_else"), now)).toThrow(WebhookSignatureError);
  });

  it("refuses a stale timestamp (a captured event replayed later)", () => {
    const body = fixture("payment_intent.succeeded");
    expect(() => provider().parseWebhook(body, sign(body, SECRET, ts - 301), now)).toThrow(WebhookSignatureError);
    expect(provider().parseWebhook(body, sign(body, SECRET, ts - 299), now).type).toBe("payment.succeeded");
  });

  it("refuses a missing signature header, and everything when no signing secret is configured", () => {
    const body = fixture("payment_intent.succeeded");
    expect(() => provider().parseWebhook(body, new Headers(), now)).toThrow(WebhookSignatureError);
    const unconfigured = new StripePaymentProvider({ secretKey: "sk_test_offline", webhookSecret: "" });
    expect(() => unconfigured.parseWebhook(body, sign(body), now)).toThrow(WebhookSignatureError);
  });
});

describe("Stripe charges", () => {
  /** A stand-in for the client's PaymentIntents API: records what would be sent. */
  function fakeClient(answer: () => unknown) {
    const calls: { params: Record<string, unknown>; options: Record<string, unknown> }[] = [];
    return {
      calls,
      client: { paymentIntents: { create: async (params: Record<string, unknown>, options: Record<string, unknown>) => (calls.push({ params, options }), answer()) } },
    };
  }

  it("creates an off-session PaymentIntent in cents with our key as Stripe's Idempotency-Key", async () => {
    const f = fakeClient(() => ({ id: "pi_1", status: "succeeded" }));
    const r = await provider(f.client).charge({ token: "pm_1", amount: dollars(100), currency: "USD", idempotencyKey: "topup:abc", description: "d", customerRef: "cus_1", paymentId: "p1" });
    expect(r).toEqual({ status: "succeeded", providerPaymentId: "pi_1" });
    expect(f.calls[0]!.params).toMatchObject({ amount: 10000, currency: "usd", customer: "cus_1", payment_method: "pm_1", off_session: true, confirm: true, metadata: { paymentId: "p1" } });
    expect(f.calls[0]!.options).toEqual({ idempotencyKey: "topup:abc" });
  });

  it("maps declines, insufficient funds, processing and network failures", async () => {
    const card = (decline_code: string) => () => {
      throw new Stripe.errors.StripeCardError({ type: "card_error", message: "Your card was declined.", decline_code, payment_intent: { id: "pi_d" } } as never);
    };
    const req = { token: "pm_1", amount: dollars(5), currency: "USD" as const, idempotencyKey: "k", description: "d" };
    expect(await provider(fakeClient(card("generic_decline")).client).charge(req)).toMatchObject({ status: "declined" });
    expect(await provider(fakeClient(card("insufficient_funds")).client).charge(req)).toMatchObject({ status: "insufficient_funds" });
    expect(await provider(fakeClient(() => ({ id: "pi_p", status: "processing" })).client).charge(req)).toEqual({ status: "unknown", providerPaymentId: "pi_p" });
    const offline = fakeClient(() => {
      throw new Stripe.errors.StripeConnectionError({ message: "connect ECONNREFUSED" } as never);
    });
    await expect(provider(offline.client).charge(req)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});
