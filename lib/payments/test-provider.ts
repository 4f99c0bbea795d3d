import { createHash, createHmac, randomBytes } from "node:crypto";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { authSecret } from "@/lib/env";
import type { ChargeOutcome, ChargeRequest, MethodKind, PaymentProvider, RefundOutcome, RefundRequest, SavedMethod, WebhookEvent } from "./provider";
import { WebhookSignatureError } from "./provider";
import { signPayload, verifySignature } from "./signature";

/** The built-in test provider's cards (Stripe's well-known test numbers). */
export const TEST_CARDS = {
  succeeds: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  /** Outcome unknown at first; settles later through a signed webhook (lib/jobs/payments.ts). */
  unknown: "4000000000000259",
} as const;

type Behaviour = keyof typeof TEST_CARDS;
const BEHAVIOUR_BY_NUMBER = new Map<string, Behaviour>(Object.entries(TEST_CARDS).map(([k, v]) => [v, k as Behaviour]));

/**
 * A saved test method's token names how it behaves and the last four digits, never the
 * card number: `tok_test_<behaviour>_<last4>[_<random>]`.
 */
export const testToken = (cardNumber: string, suffix = "") => `tok_test_${BEHAVIOUR_BY_NUMBER.get(cardNumber) ?? "declined"}_${cardNumber.slice(-4)}${suffix}`;

function behaviourOf(token: string): Behaviour {
  const m = /^tok_test_([a-zA-Z]+)_/.exec(token);
  return m && m[1]! in TEST_CARDS ? (m[1] as Behaviour) : "declined";
}

export const TEST_SIGNATURE_HEADER = "x-test-signature";

/** The secret the test provider signs its webhooks with: configured, or derived from AUTH_SECRET. */
export function testWebhookSecret(): string {
  return process.env.TEST_PROVIDER_WEBHOOK_SECRET ?? createHmac("sha256", authSecret()).update("test-provider-webhooks").digest("base64url");
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const fieldError = (field: string, message: string) => new AppError("VALIDATION", message, { [field]: [message] });

/**
 * Decides by the token's behaviour, deterministically, and answers a repeated idempotency
 * key with the same payment id, as a real provider does: retrying a charge never charges twice.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = "test" as const;
  readonly methodKinds: readonly MethodKind[] = ["card", "paypal", "alipay"];

  /**
   * What the card form sends to the provider. Only the test numbers are accepted (as in a
   * provider's test mode); what is kept is a token, the brand and the last four digits.
   */
  tokenizeCard(input: { number: string; expiry: string; cvc: string }, now = clockNow()): SavedMethod {
    const number = input.number.replace(/[\s-]/g, "");
    if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) throw fieldError("number", "Enter a valid card number.");
    const m = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(input.expiry.trim());
    const month = Number(m?.[1]);
    const year = m ? (m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2])) : NaN;
    if (!m || month < 1 || month > 12) throw fieldError("expiry", "Enter the expiry as MM/YY.");
    if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) throw fieldError("expiry", "The card has expired.");
    if (!/^\d{3,4}$/.test(input.cvc.trim())) throw fieldError("cvc", "Enter the 3 or 4 digit security code.");
    if (!BEHAVIOUR_BY_NUMBER.has(number)) throw fieldError("number", "The test provider accepts only its test card numbers.");
    const last4 = number.slice(-4);
    return { token: testToken(number, `_${randomBytes(6).toString("hex")}`), kind: "card", brand: "Visa", last4, label: `Visa •••• ${last4}` };
  }

  /** PayPal and Alipay in test mode: an approved wallet, charged successfully. */
  connectWallet(kind: "paypal" | "alipay"): SavedMethod {
    return { token: `tok_test_succeeds_${kind}_${randomBytes(6).toString("hex")}`, kind, brand: null, last4: null, label: kind === "paypal" ? "PayPal" : "Alipay" };
  }

  async charge(req: ChargeRequest): Promise<ChargeOutcome> {
    const providerPaymentId = `pi_test_${createHash("sha256").update(req.idempotencyKey).digest("hex").slice(0, 24)}`;
    if (req.amount <= 0n) return { status: "declined", providerPaymentId, message: "The amount must be positive." };
    switch (behaviourOf(req.token)) {
      case "succeeds":
        return { status: "succeeded", providerPaymentId };
      case "insufficientFunds":
        return { status: "insufficient_funds", providerPaymentId, message: "The card has insufficient funds." };
      case "unknown":
        return { status: "unknown", providerPaymentId };
      default:
        return { status: "declined", providerPaymentId, message: "The card was declined." };
    }
  }

  async refund(req: RefundRequest): Promise<RefundOutcome> {
    return { status: "succeeded", providerRefundId: `re_test_${createHash("sha256").update(req.idempotencyKey).digest("hex").slice(0, 24)}` };
  }

  /** The webhook the test provider sends when an undecided payment settles; signed like every webhook. */
  settlementWebhook(p: { providerPaymentId: string; paymentId: string }, now = clockNow()): { body: string; headers: Headers } {
    const body = JSON.stringify({ id: `evt_test_${p.providerPaymentId}`, type: "payment.succeeded", data: { providerPaymentId: p.providerPaymentId, paymentId: p.paymentId } });
    return { body, headers: new Headers({ [TEST_SIGNATURE_HEADER]: signPayload(body, testWebhookSecret(), Math.floor(now.getTime() / 1000)) }) };
  }

  parseWebhook(rawBody: string, headers: Headers, now = clockNow()): WebhookEvent {
    verifySignature(rawBody, headers.get(TEST_SIGNATURE_HEADER), testWebhookSecret(), now);
    let e: { id?: unknown; type?: unknown; data?: { providerPaymentId?: unknown; paymentId?: unknown; message?: unknown } };
    try {
      e = JSON.parse(rawBody);
    } catch {
      throw new WebhookSignatureError("The body is not JSON.");
    }
    const id = String(e.id ?? "");
    const providerPaymentId = String(e.data?.providerPaymentId ?? "");
    const paymentId = typeof e.data?.paymentId === "string" ? e.data.paymentId : null;
    if (!id || !providerPaymentId) return { id: id || "unknown", type: "ignored", providerType: String(e.type) };
    if (e.type === "payment.succeeded") return { id, type: "payment.succeeded", providerPaymentId, paymentId };
    if (e.type === "payment.failed") return { id, type: "payment.failed", providerPaymentId, paymentId, message: String(e.data?.message ?? "The payment failed.") };
    return { id, type: "ignored", providerType: String(e.type) };
  }
}
