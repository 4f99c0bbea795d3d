import { NewAccountSchema } from "@/lib/accounts/schema";

/** POST /api/v1/accounts: what the platform sends when its customer signs up (the rules are createCustomerAccount's). */
export const CreateAccountBodySchema = NewAccountSchema.extend({
  name: NewAccountSchema.shape.name.meta({ description: "The customer's name as staff and invoices show it: 1-120 characters after trimming, one line, no control or text-direction characters", examples: ["Initech Ltd"] }),
  ownerEmail: NewAccountSchema.shape.ownerEmail.meta({ format: "email", description: "The account owner: invited by email to set a password and sign in", examples: ["li.wei@initech.example"] }),
  locale: NewAccountSchema.shape.locale.meta({ description: "The language of the owner's invitation" }),
  externalId: NewAccountSchema.shape.externalId.meta({
    description: "Your own id for this customer: unique. A request with a known externalId and the same name, ownerEmail and locale gets that account back (200); other terms are 409 IDEMPOTENCY_CONFLICT.",
    examples: ["cus_8f2a61"],
  }),
});
