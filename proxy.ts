import { type NextRequest, NextResponse } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { badPathResponse, hasMalformedEncoding } from "@/lib/http/bad-path";

// Only a redirect for signed-out visitors; every page, action and route checks the
// session, account and role itself.
const PUBLIC = [/^\/sign-in/, /^\/invite\//, /^\/invoice-link\//, /^\/api\//, /^\/dev\/mailbox/, /^\/_next\//, /^\/favicon/];

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  // Next's router would fail on it with a 500 before any page or handler runs.
  if (hasMalformedEncoding(pathname)) return badPathResponse();
  if (PUBLIC.some((re) => re.test(pathname))) return NextResponse.next();
  const hasSession = req.cookies.has("authjs.session-token") || req.cookies.has("__Secure-authjs.session-token");
  if (!hasSession) {
    const url = new URL("/sign-in", req.url);
    // Only a path of this site is carried over (a request for "//evil.example/" must not become one).
    const back = safeCallbackPath(pathname + search, req.nextUrl.origin);
    if (back !== "/") url.searchParams.set("callbackUrl", back);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|fonts/).*)"] };
