import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { jsonError } from "@/lib/auth/route";
import { testPaymentsEnabled } from "@/lib/env";
import { WebhookSignatureError } from "@/lib/payments/provider";
import { handleWebhook } from "@/lib/payments/webhooks";

export const runtime = "nodejs";

/**
 * Payment provider webhooks: POST /api/payments/webhooks/stripe (Stripe-Signature) and
 * /api/payments/webhooks/test (the built-in test provider: demo mode or PAYMENTS_TEST_PROVIDER=on
 * only, a 404 in production). The signature is checked over
 * the raw body, before anything else; a replay answers 200 and changes nothing.
 */
export async function POST(req: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  if ((provider !== "stripe" && provider !== "test") || (provider === "test" && !testPaymentsEnabled())) return jsonError("NOT_FOUND", "Not found.");
  const raw = await req.text();
  try {
    const r = await handleWebhook(getDb(), provider, raw, req.headers);
    return NextResponse.json({ received: true, duplicate: r.duplicate });
  } catch (e) {
    if (e instanceof WebhookSignatureError) return jsonError("VALIDATION", "The webhook signature does not verify.");
    if (e instanceof Error && /not configured/.test(e.message)) return jsonError("NOT_FOUND", "Not found.");
    console.error("payment webhook failed", e);
    return jsonError("INTERNAL", "Something went wrong.");
  }
}
