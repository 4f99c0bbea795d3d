"use server";
import { z } from "zod";
import { userAction } from "@/lib/actions/action";
import { signOut } from "@/lib/auth";
import { endAllSessions } from "@/lib/auth/session-store";
import { audit } from "@/lib/audit";
import { withTx } from "@/db/tx";

/** Ends every session of the user, this browser's included, with one audit record; then the sign-in page. */
const signOutEverywhere = userAction({ schema: z.object({}) }, async ({ db, user, ip }) => {
  await withTx(db, async (tx) => {
    const ended = await endAllSessions(tx, user.id, { reason: "sign_out_everywhere" });
    await audit(tx, { actorUserId: user.id, actorKind: "user", action: "user.sign_out_everywhere", targetType: "user", targetId: user.id, data: { sessions: ended }, ip });
  });
  await signOut({ redirectTo: "/sign-in" });
});

/** Form action (works without JavaScript), like sign-out: a session already ended still lands on the sign-in page. */
export async function signOutEverywhereAction(formData: FormData): Promise<void> {
  const result = await signOutEverywhere(formData);
  if (!result.ok) await signOut({ redirectTo: "/sign-in" });
}
