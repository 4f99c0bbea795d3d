import { type NextRequest, NextResponse } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { badPathResponse, hasMalformedEncoding } from "@/lib/http/bad-path";
import { contentSecurityPolicy, newNonce } from "@/lib/http/csp";

// Only a redirect for signed-out visitors; every page, action and route checks the
// session, account and role itself.
const PUBLIC = [/^\/sign-in/, /^\/invite\//, /^\/invoice-link\//, /^\/api\//, /^\/dev\/mailbox/, /^\/_next\//, /^\/favicon/];

export async function proxy(req: NextRequest) {
  // A fresh nonce for this request: on the request, so Next.js puts it on its scripts, and
  // on the response, so the browser runs only those.
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const withCsp = <R extends Response>(res: R): R => {
    res.headers.set("Content-Security-Policy", csp);
    return res;
  };
  const { pathname, search } = req.nextUrl;
  // Next's router would fail on it with a 500 before any page or handler runs.
  if (hasMalformedEncoding(pathname)) return withCsp(badPathResponse());
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const next = () => withCsp(NextResponse.next({ request: { headers: requestHeaders } }));
  if (PUBLIC.some((re) => re.test(pathname))) return next();
  const hasSession = req.cookies.has("authjs.session-token") || req.cookies.has("__Secure-authjs.session-token");
  if (!hasSession) {
    const url = new URL("/sign-in", req.url);
    // Only a path of this site is carried over (a request for "//evil.example/" must not become one).
    const back = safeCallbackPath(pathname + search, req.nextUrl.origin);
    if (back !== "/") url.searchParams.set("callbackUrl", back);
    return withCsp(NextResponse.redirect(url));
  }
  return next();
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|fonts/).*)"] };
