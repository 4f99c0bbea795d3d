import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/env";
import { clientIp } from "./client-ip";
import { consumeMagicLink, passwordSignIn } from "./sign-in";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

const PasswordSchema = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(200) });
const LinkSchema = z.object({ token: z.string().min(20).max(200) });

export function authConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        id: "password",
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const parsed = PasswordSchema.safeParse(credentials);
          if (!parsed.success) throw new InvalidCredentials();
          const result = await passwordSignIn(getDb(), { ...parsed.data, ip: clientIp(request.headers) });
          if (!result.ok) throw result.reason === "rate_limited" ? new RateLimited() : new InvalidCredentials();
          return { id: result.userId };
        },
      }),
      Credentials({
        id: "magic-link",
        credentials: { token: {} },
        async authorize(credentials) {
          const parsed = LinkSchema.safeParse(credentials);
          if (!parsed.success) throw new InvalidCredentials();
          const result = await consumeMagicLink(getDb(), parsed.data.token);
          if (!result.ok) throw new InvalidCredentials();
          return { id: result.userId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        (session as unknown as { uid?: string }).uid = token.uid as string | undefined;
        return session;
      },
    },
  };
}
