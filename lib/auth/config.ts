import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/env";
import { safeCallbackPath } from "./callback-url";
import { clientIp } from "./client-ip";
import { SESSION_MAX_AGE_SECONDS, startSession } from "./session-store";
import { consumeMagicLink, passwordSignIn } from "./sign-in";

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
      // next-auth's own redirects (sign-in/out with a redirectTo or callbackUrl): this site only.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
      // At sign-in the session gets its server-side record; the JWT carries its id, and
      // lib/auth/session.ts refuses a token whose record has ended.
      async jwt({ token, user, trigger }) {
        if (trigger === "signIn" && user?.id) {
          const h = await headers();
          token.uid = user.id;
          token.sid = await startSession(getDb(), { userId: user.id, userAgent: h.get("user-agent"), ip: clientIp(h) });
        }
        return token;
      },
      session({ session, token }) {
        Object.assign(session, { uid: token.uid as string | undefined, sid: token.sid as string | undefined });
        return session;
      },
    },
  };
}
