"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import { signIn } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { afterSignInPath, applyUserLocale } from "./after-sign-in";

const SignInSchema = z.object({
  email: z.string().trim().email("Enter a valid email address.").max(320),
  password: z.string().min(1, "Enter your password.").max(200),
  callbackUrl: z.string().max(2000).optional(),
});

export const signInWithPassword = publicAction({ schema: SignInSchema }, async ({ input }) => {
  try {
    await signIn("password", { email: input.email, password: input.password, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      throw code === "rate_limited"
        ? new AppError("RATE_LIMITED", "Too many attempts. Please wait a few minutes and try again.")
        : new AppError("UNAUTHENTICATED", "The email or password is not correct.");
    }
    throw e;
  }
  await applyUserLocale({ email: input.email });
  redirect(await afterSignInPath(input.callbackUrl));
});
