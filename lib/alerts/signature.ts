import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

import { clockNow } from "@/lib/clock";
/** The header every webhook request carries, in the style of Stripe's. */
export const SIGNATURE_HEADER = "Billing-Signature";
/** How old a signed request a receiver should still accept. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A new signing secret: 32 random bytes, shown to the user once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The last characters of a secret, to recognise it without revealing it. */
export const secretHint = (secret: string) => `whsec_…${secret.slice(-4)}`;

/** hex HMAC-SHA256 of "<t>.<body>" with the secret. */
export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The header value: `t=<unix seconds>,v1=<hex>`. */
export function signatureHeader(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

/**
 * What a receiver does (docs/alerts.md): read t and every v1 from the header, recompute
 * the HMAC over the raw body exactly as received, compare in constant time, and refuse
 * stale timestamps so a captured request cannot be replayed later.
 */
export function verifySignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  opts: { now?: number; toleranceSeconds?: number } = {},
): { ok: true; timestamp: number } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" } {
  if (!header) return { ok: false, reason: "missing" };
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(",")) {
    const [k, v] = part.trim().split("=", 2);
    if (k === "t" && v && /^\d+$/.test(v)) timestamp = Number(v);
    else if (k === "v1" && v && /^[0-9a-f]{64}$/.test(v)) candidates.push(v);
  }
  if (timestamp === null || !candidates.length) return { ok: false, reason: "malformed" };
  const now = opts.now ?? Math.floor(clockNow().getTime() / 1000);
  if (Math.abs(now - timestamp) > (opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: "stale" };
  const expected = Buffer.from(computeSignature(secret, timestamp, body), "hex");
  const match = candidates.some((c) => timingSafeEqual(Buffer.from(c, "hex"), expected));
  return match ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}

/**
 * The header signed with several secrets, one `v1=` each in the order given: during a
 * rotation's overlap the current secret first, then the previous one (as Stripe does), so a
 * receiver holding either verifies it (verifySignature accepts any matching v1).
 */
export function signatureHeaderAll(secrets: readonly string[], body: string, timestamp: number): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${computeSignature(s, timestamp, body)}`)].join(",");
}
