import { createHash } from "node:crypto";

type Part = string | number | bigint | boolean | null;

/**
 * The fingerprint an idempotency key is stored with: SHA-256 over the operation and the
 * request's normalized terms, in a fixed order (a JSON array, so "a","bc" and "ab","c"
 * differ). Callers pass what they parsed and trimmed, never the raw body, so the same
 * request sent with other whitespace or key order is still the same request.
 */
export function requestFingerprint(operation: string, parts: readonly Part[]): string {
  const canonical = JSON.stringify([operation, ...parts.map((p) => (typeof p === "bigint" ? p.toString() : p))]);
  return createHash("sha256").update(canonical).digest("hex");
}
