import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { billingProfiles } from "@/db/schema";
import { audit } from "@/lib/audit";
import { withTx } from "@/db/tx";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { countryCode } from "@/lib/tax/country";
import { checkTaxId } from "@/lib/tax/tax-id";
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

/**
 * The tax ID must have its country's format (lib/tax/tax-id.ts): a VAT number in the EU,
 * a UEN or GST number in Singapore, an 18-character 统一社会信用代码 in China, an EIN in
 * the US… The field error is "taxIdFormat:<country code>:<expected formats>", which the
 * form words in the reader's language.
 */
export function assertTaxIdFormat(profile: Pick<BillingProfileInput, "country" | "taxId">): void {
  if (!profile.taxId.trim()) return;
  const code = countryCode(profile.country);
  const check = checkTaxId(code, profile.taxId);
  if (!check.ok) throw new AppError("VALIDATION", `The tax ID is not a valid ${code} tax ID (expected: ${check.expected}).`, { taxId: [`taxIdFormat:${code}:${check.expected}`] });
}

/** Saves the team info and records what changed in the audit log, in one transaction; a tax ID of the wrong format saves nothing. */
export async function saveBillingProfile(db: DbOrTx, input: { accountId: string; profile: BillingProfileInput; userId: string; ip?: string | null }): Promise<BillingProfile> {
  assertTaxIdFormat(input.profile);
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
