import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { billingProfiles } from "@/db/schema";
import { audit } from "@/lib/audit";
import { withTx } from "@/db/tx";
import { clockNow } from "@/lib/clock";
import { plainText } from "@/lib/validation/text";

const text = (max: number) => plainText().trim().max(max);

/** Team info as a form sends it; the messages are keys under invoices.profile.errors. */
export const BillingProfileSchema = z.object({
  companyName: text(200).min(1, "companyName"),
  address: text(500),
  country: text(100),
  taxId: text(64).regex(/^[\p{L}\p{N} .\-/]*$/u, "taxId"),
  billingEmail: z.union([z.literal(""), z.string().trim().toLowerCase().pipe(z.email())]),
  invoiceLocale: z.enum(["en", "zh-CN"]),
  invoicesByEmail: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
export type BillingProfileInput = z.infer<typeof BillingProfileSchema>;

export type BillingProfile = typeof billingProfiles.$inferSelect;

export async function getBillingProfile(db: DbOrTx, { accountId }: { accountId: string }): Promise<BillingProfile | null> {
  const [row] = await db.select().from(billingProfiles).where(eq(billingProfiles.accountId, accountId));
  return row ?? null;
}

/** Saves the team info and records what changed in the audit log, in one transaction. */
export async function saveBillingProfile(db: DbOrTx, input: { accountId: string; profile: BillingProfileInput; userId: string; ip?: string | null }): Promise<BillingProfile> {
  return withTx(db, async (tx) => {
    const before = await getBillingProfile(tx, { accountId: input.accountId });
    const values = { ...input.profile, billingEmail: input.profile.billingEmail || null, updatedAt: clockNow(), updatedByUserId: input.userId };
    const [row] = await tx.insert(billingProfiles).values({ accountId: input.accountId, ...values }).onConflictDoUpdate({ target: billingProfiles.accountId, set: values }).returning();
    const changed = Object.fromEntries(
      (Object.keys(input.profile) as (keyof BillingProfileInput)[])
        .filter((k) => (before?.[k] ?? null) !== (row![k] ?? null))
        .map((k) => [k, { from: before?.[k] ?? null, to: row![k] ?? null }]),
    );
    await audit(tx, { actorUserId: input.userId, actorKind: "user", accountId: input.accountId, action: "billing_profile.update", targetType: "billing_profile", targetId: input.accountId, data: changed, ip: input.ip ?? null });
    return row!;
  });
}
