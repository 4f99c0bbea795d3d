"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction, userAction } from "@/lib/actions/action";
import { signIn } from "@/lib/auth";
import { acceptAsNewUser, acceptInvitation } from "@/lib/members/invitation";
import { plainText } from "@/lib/validation/text";

const TokenSchema = z.object({ token: z.string().min(20).max(200) });

export const acceptInvitationAction = userAction({ schema: TokenSchema }, async ({ db, input, user, ip }) => {
  await acceptInvitation(db, { token: input.token, userId: user.id, email: user.email, ip });
  redirect("/");
});

const NewUserSchema = TokenSchema.extend({
  name: plainText().trim().min(1, "Enter your name.").max(120),
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});

export const acceptAsNewUserAction = publicAction({ schema: NewUserSchema }, async ({ db, input, ip }) => {
  const { email } = await acceptAsNewUser(db, { ...input, ip });
  await signIn("password", { email, password: input.password, redirect: false });
  redirect("/");
});
