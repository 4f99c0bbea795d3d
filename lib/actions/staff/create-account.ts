"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { createCustomerAccount } from "@/lib/accounts/create";
import type { Locale } from "@/lib/i18n/config";
import { clockNow } from "@/lib/clock";

// The fields' own rules are createCustomerAccount's (lib/accounts/schema.ts): a refused field
// comes back in fieldErrors under its name, and the form says its rule in the reader's language.
const CreateAccountFormSchema = z.object({
  name: z.string().default(""),
  ownerEmail: z.string().default(""),
  locale: z.string().default(""),
  /** One per form: a double submit (or a retry after a lost answer) creates one account. */
  requestId: z.uuid(),
});

/** Staff-finance create a customer account and invite its owner; support staff and customers are refused. */
export const createAccountAction = staffAction({ schema: CreateAccountFormSchema, permission: "staff.money", revalidate: ["/staff"] }, async ({ input, user, db, ip }) => {
  const { account, replayed } = await createCustomerAccount(db, {
    name: input.name,
    ownerEmail: input.ownerEmail,
    locale: input.locale as Locale,
    actor: { kind: "staff", userId: user.id, name: user.name, ip },
    idempotencyKey: `console:${user.id}:${input.requestId}`,
    now: clockNow(),
  });
  return { id: account.id, name: account.name, ownerEmail: input.ownerEmail.trim().toLowerCase(), replayed };
});
