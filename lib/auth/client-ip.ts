/**
 * The client address as the nearest proxy reports it. Behind several proxies set
 * TRUSTED_PROXY_HOPS so the address is taken from the right place in the list.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const parts = forwarded.split(",").map((p) => p.trim()).filter(Boolean);
    const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 1);
    return parts[Math.max(0, parts.length - hops)] ?? null;
  }
  return headers.get("x-real-ip");
}
