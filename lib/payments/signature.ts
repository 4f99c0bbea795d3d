import { createHmac, timingSafeEqual } from "node:crypto";
import { clockNow } from "@/lib/clock";
import { WebhookSignatureError } from "./provider";

/** How old a signed webhook may be: older ones are refused, so a captured body cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The built-in test provider signs its webhooks as Stripe does: header
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, so one scheme is verified
 * whichever provider is configured.
 */
export function signPayload(rawBody: string, secret: string, timestamp = Math.floor(clockNow().getTime() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

export function verifySignature(rawBody: string, header: string | null, secret: string, now: Date = clockNow()): void {
  if (!header) throw new WebhookSignatureError("Missing signature.");
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  const signatures = parts.filter(([k]) => k === "v1").map(([, v]) => v);
  if (!Number.isInteger(t) || signatures.length === 0) throw new WebhookSignatureError("Malformed signature.");
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) throw new WebhookSignatureError("The signature is too old.");
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex"));
  const ok = signatures.some((s) => {
    const got = Buffer.from(s);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
  if (!ok) throw new WebhookSignatureError("The signature does not match.");
}
