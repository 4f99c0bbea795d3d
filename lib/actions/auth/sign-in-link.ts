"use server";
import { eq } from "drizzle-orm";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { magicLinkTokens } from "@/db/schema";
import { publicAction } from "@/lib/actions/action";
import { signIn } from "@/lib/auth";
import { hashToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { applyUserLocale } from "./after-sign-in";

const LinkSchema = z.object({ token: z.string().min(20).max(200) });

// A POST from the link page, not the GET of the link itself: mail scanners that
// prefetch links must not spend the one-time token.
export const signInWithLink = publicAction({ schema: LinkSchema }, async ({ input, db }) => {
  try {
    await signIn("magic-link", { token: input.token, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) throw new AppError("UNAUTHENTICATED", "This sign-in link is invalid, used or expired. Ask for a new one.");
    throw e;
  }
  const [row] = await db.select({ userId: magicLinkTokens.userId }).from(magicLinkTokens).where(eq(magicLinkTokens.tokenHash, hashToken(input.token)));
  if (row) await applyUserLocale({ userId: row.userId });
  redirect("/");
});
