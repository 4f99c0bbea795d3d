"use server";
import { z } from "zod";
import { userAction } from "@/lib/actions/action";
import { signOut } from "@/lib/auth";
import { endSession } from "@/lib/auth/session-store";

/** Ends this browser's session record, then clears the cookie; signOut redirects, which the action builder passes through. */
const signOutUser = userAction({ schema: z.object({}) }, async ({ db, user }) => {
  await endSession(db, { userId: user.id, sessionId: user.sessionId, reason: "sign_out" });
  await signOut({ redirectTo: "/sign-in" });
});

/**
 * Form action (works without JavaScript): a form's action must resolve to nothing. A
 * session already ended elsewhere (sign-out everywhere, another tab) still gets its stale
 * cookie cleared and the sign-in page, not a silent no-op.
 */
export async function signOutAction(formData: FormData): Promise<void> {
  const result = await signOutUser(formData);
  if (!result.ok) await signOut({ redirectTo: "/sign-in" });
}
