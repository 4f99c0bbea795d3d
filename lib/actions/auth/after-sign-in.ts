import "server-only";
import { eq, sql } from "drizzle-orm";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { LOCALE_COOKIE } from "@/lib/i18n/config";

/** Only same-site paths: an open redirect after sign-in would be a phishing aid. */
export function safeCallback(url: string | undefined | null): string {
  return url && url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") ? url : "/";
}

/** The user's saved language follows them into every browser they sign in on. */
export async function applyUserLocale(where: { email: string } | { userId: string }) {
  const cond = "email" in where ? sql`lower(${users.email}) = ${where.email.trim().toLowerCase()}` : eq(users.id, where.userId);
  const [u] = await getDb().select({ locale: users.locale }).from(users).where(cond);
  if (u) (await cookies()).set(LOCALE_COOKIE, u.locale, { path: "/", sameSite: "lax", httpOnly: false, maxAge: 365 * 24 * 3600 });
}
