import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { clockNow } from "@/lib/clock";
import { authSecret } from "@/lib/env";

/**
 * Signed links to one invoice, for the issue email: `<invoice>.<account>.<expiry>.<mac>`,
 * the MAC an HMAC-SHA256 over all three with a key derived from AUTH_SECRET for this
 * purpose only (so a link key can never sign a session, or the reverse). Checked in
 * constant time; an expired, altered or foreign link is simply invalid.
 */
export interface InvoiceLinkClaims {
  invoiceId: string;
  accountId: string;
  expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let cached: { secret: string; key: Buffer } | undefined;

function linkKey(): Buffer {
  const secret = authSecret();
  if (cached?.secret !== secret) cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, "billing-center", "invoice-link-v1", 32)) };
  return cached.key;
}

function mac(invoiceId: string, accountId: string, expires: number): Buffer {
  return createHmac("sha256", linkKey()).update(`invoice-link|${invoiceId}|${accountId}|${expires}`).digest();
}

export function signInvoiceLink(c: InvoiceLinkClaims): string {
  const expires = Math.floor(c.expiresAt.getTime() / 1000);
  return `${c.invoiceId}.${c.accountId}.${expires}.${mac(c.invoiceId, c.accountId, expires).toString("base64url")}`;
}

/** The claims of a valid, unexpired link; null for anything else (never says which). */
export function verifyInvoiceLink(token: string, now: Date = clockNow()): InvoiceLinkClaims | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [invoiceId, accountId, exp, sig] = parts as [string, string, string, string];
  if (!UUID.test(invoiceId) || !UUID.test(accountId) || !/^\d{1,12}$/.test(exp)) return null;
  const expected = mac(invoiceId, accountId, Number(exp));
  const given = Buffer.from(sig, "base64url");
  // Compare the full MAC in constant time; a wrong length is rejected without comparing.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(exp) * 1000 <= now.getTime()) return null;
  return { invoiceId, accountId, expiresAt: new Date(Number(exp) * 1000) };
}
