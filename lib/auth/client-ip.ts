/**
 * The client address, for per-address rate limits and the audit log.
 *
 * `next start` keeps an `X-Forwarded-For` the client sent, verbatim, and fills it from the
 * socket only when it is absent, so that header is the client's own word unless a proxy we
 * trust wrote it. `TRUSTED_PROXY_HOPS` says how many reverse proxies stand in front:
 *
 * - 0 (the default): no header is trusted. The address is the TCP peer, which the server
 *   records in `SOCKET_ADDRESS_HEADER` (lib/server/socket-address.ts) over whatever the
 *   client sent; when this process does not record it, the address is unknown (null) and
 *   callers count such clients together, never per a value the client chose.
 * - N: the Nth `X-Forwarded-For` entry from the right, the address the outermost trusted
 *   proxy saw (each proxy appends its peer). Only right when the app's port is reachable
 *   through those proxies alone.
 */
export const SOCKET_ADDRESS_HEADER = "x-billing-socket-address";

const CAPTURED = Symbol.for("billing-center.socket-address-captured");

/** Set by the server once it overwrites SOCKET_ADDRESS_HEADER on every request. */
export function markSocketAddressCaptured(): void {
  (globalThis as Record<symbol, unknown>)[CAPTURED] = true;
}

function socketAddressCaptured(): boolean {
  return (globalThis as Record<symbol, unknown>)[CAPTURED] === true;
}

export function trustedProxyHops(): number {
  const raw = process.env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 20) throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 20, not "${raw}".`);
  return n;
}

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) is 192.0.2.1. */
function normalize(address: string | null | undefined): string | null {
  const a = address?.trim();
  if (!a) return null;
  return a.toLowerCase().startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

export function clientIp(headers: Headers): string | null {
  const hops = trustedProxyHops();
  if (hops === 0) return socketAddressCaptured() ? normalize(headers.get(SOCKET_ADDRESS_HEADER)) : null;
  const parts = (headers.get("x-forwarded-for") ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them.
  return parts.length >= hops ? normalize(parts[parts.length - hops]) : null;
}

/** The rate-limit key part for an address: clients without a known one share one bucket. */
export function addressKey(ip: string | null): string {
  return ip ?? "unattributed";
}
