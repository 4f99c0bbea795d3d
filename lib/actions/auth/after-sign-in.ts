import "server-only";
import { eq, sql } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { LOCALE_COOKIE } from "@/lib/i18n/config";

/** The origin this request came to, for resolving a callback; the result is only ever used as a path here. */
export function requestOrigin(h: Headers): string {
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

/** Where a sign-in goes next: a path on this site from the visitor's callbackUrl, else "/". */
export async function afterSignInPath(callbackUrl: string | undefined | null): Promise<string> {
  return safeCallbackPath(callbackUrl, requestOrigin(await headers()));
}

/** The user's saved language follows them into every browser they sign in on. */
export async function applyUserLocale(where: { email: string } | { userId: string }) {
  const cond = "email" in where ? sql`lower(${users.email}) = ${where.email.trim().toLowerCase()}` : eq(users.id, where.userId);
  const [u] = await getDb().select({ locale: users.locale }).from(users).where(cond);
  if (u) (await cookies()).set(LOCALE_COOKIE, u.locale, { path: "/", sameSite: "lax", httpOnly: false, maxAge: 365 * 24 * 3600 });
}
