import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";
import { plainText } from "@/lib/validation/text";

// C0 and C1 control characters (tabs and newlines too): an account name is one line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const ACCOUNT_NAME_RULE = "The account name must be 1 to 120 characters, on one line, without control or text-direction characters.";
export const OWNER_EMAIL_RULE = "Enter the owner's email address.";
export const LOCALE_RULE = "The language must be en or zh-CN.";
export const EXTERNAL_ID_RULE = "externalId must be 1 to 200 characters.";

/** What a new customer account is created from, by the API and the staff console alike. */
export const NewAccountSchema = z.object({
  name: plainText(ACCOUNT_NAME_RULE)
    .trim()
    .min(1, ACCOUNT_NAME_RULE)
    .max(120, ACCOUNT_NAME_RULE)
    .refine((s) => !CONTROL.test(s), ACCOUNT_NAME_RULE),
  ownerEmail: z
    .string({ error: OWNER_EMAIL_RULE })
    .trim()
    .toLowerCase()
    .pipe(z.email(OWNER_EMAIL_RULE).max(254, OWNER_EMAIL_RULE)),
  locale: z.enum(LOCALES, { error: LOCALE_RULE }),
  externalId: z.string({ error: EXTERNAL_ID_RULE }).trim().min(1, EXTERNAL_ID_RULE).max(200, EXTERNAL_ID_RULE).optional(),
});
export type NewAccount = z.infer<typeof NewAccountSchema>;
