/**
 * The Content-Security-Policy of every page, with a fresh nonce per request. Next.js reads
 * the nonce from the request's CSP header and puts it on its own scripts (the hydration
 * payload included), so `script-src` needs neither 'unsafe-inline' nor 'unsafe-eval';
 * 'strict-dynamic' lets those scripts load the app's chunks. Pages are rendered per request
 * (a prerendered page could not carry a nonce). The development server's React tooling
 * needs eval, so `next dev` alone adds 'unsafe-eval'.
 *
 * Styles keep 'unsafe-inline': the charts (recharts through Tremor) and React set `style`
 * attributes, which a nonce cannot cover; a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: a nonce no page can guess. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
