import type { DbOrTx } from "@/db/client";
import { magicLinkTokens } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { newToken } from "./tokens";

/** How long a sign-in link works, emailed or printed by `npm run staff:create`. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

/**
 * Stores a one-time sign-in link for the user (only the token's hash) and returns it.
 * `consumeMagicLink` spends it: once, before `expiresAt`.
 */
export async function issueSignInLink(db: DbOrTx, userId: string, now: Date): Promise<{ url: string; hash: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
  await db.insert(magicLinkTokens).values({ tokenHash: hash, userId, expiresAt });
  return { url: `${appUrl()}/sign-in/link?token=${token}`, hash, expiresAt };
}
