"use server";
import { z } from "zod";
import { userAction } from "@/lib/actions/action";
import { signOut } from "@/lib/auth";

/** Ends the session; signOut redirects, which the action builder passes through. */
const signOutUser = userAction({ schema: z.object({}) }, async () => {
  await signOut({ redirectTo: "/sign-in" });
});

/** Form action (works without JavaScript): a form's action must resolve to nothing. */
export async function signOutAction(formData: FormData): Promise<void> {
  await signOutUser(formData);
}
