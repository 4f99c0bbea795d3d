"use server";
import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import { requestMagicLink } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";

const RequestLinkSchema = z.object({ email: z.string().trim().email("Enter a valid email address.").max(320) });

/** Answers the same whether or not the address has an account. */
export const requestSignInLink = publicAction({ schema: RequestLinkSchema }, async ({ input, db, ip }) => {
  const { rateLimited } = await requestMagicLink(db, { email: input.email, ip });
  if (rateLimited) throw new AppError("RATE_LIMITED", "Too many attempts. Please wait a few minutes and try again.");
  return { sent: true };
});
