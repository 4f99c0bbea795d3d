import { createHash } from "node:crypto";
import type { ChargeOutcome, ChargeRequest, PaymentProvider } from "./provider";

/** The built-in test provider's cards (Stripe's well-known test numbers). */
export const TEST_CARDS = {
  succeeds: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  /** Outcome unknown at first; settles later (by webhook in the payments issue). */
  unknown: "4000000000000259",
} as const;

/** A saved test method's token is the card number itself: there is no real card behind it. */
export const testToken = (cardNumber: string) => `tok_test_${cardNumber}`;

/**
 * Decides by card number, deterministically, and answers a repeated idempotency key
 * with the same payment id, as a real provider does.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = "test" as const;

  async charge(req: ChargeRequest): Promise<ChargeOutcome> {
    const card = req.token.replace(/^tok_test_/, "");
    const providerPaymentId = `pi_test_${createHash("sha256").update(req.idempotencyKey).digest("hex").slice(0, 24)}`;
    if (req.amount <= 0n) return { status: "declined", providerPaymentId, message: "The amount must be positive." };
    switch (card) {
      case TEST_CARDS.succeeds:
        return { status: "succeeded", providerPaymentId };
      case TEST_CARDS.insufficientFunds:
        return { status: "insufficient_funds", providerPaymentId, message: "The card has insufficient funds." };
      case TEST_CARDS.unknown:
        return { status: "unknown", providerPaymentId };
      default:
        return { status: "declined", providerPaymentId, message: "The card was declined." };
    }
  }
}
