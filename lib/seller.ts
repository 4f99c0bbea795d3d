import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { SellerSnapshot } from "@/db/schema";
import { isDemoMode } from "./env";

/**
 * The platform's legal entity, printed on invoices, credit notes and contracts. Configured
 * by SELLER_NAME, SELLER_ADDRESS, SELLER_TAX_ID, SELLER_BANK, SELLER_EMAIL and SELLER_LOGO
 * (a PNG or JPEG under public/); "\n" in a value (or a literal "\\n") starts a new line.
 * Each invoice keeps the values it was issued with (invoices.seller), so a later change
 * never rewrites an issued invoice. Without SELLER_NAME the entity is PLATFORM_NAME (or the
 * app's name) with nothing else; the demo has a plausible one of its own.
 */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => v.replace(/\\n/g, "\n").trim())
    // Control characters other than the line breaks would print as boxes.
    .refine((v) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(v), "control characters are not allowed");

const SellerSchema = z.object({
  name: text(200).pipe(z.string().min(1, "is required")),
  address: text(500),
  taxId: text(64),
  bank: text(500),
  email: z.union([z.literal(""), z.email()]),
  logo: z
    .string()
    .trim()
    .refine((v) => v === "" || (/^[\w./-]+\.(png|jpe?g)$/i.test(v) && !v.split("/").includes("..")), "must be a .png or .jpg path under public/")
    .refine((v) => v === "" || existsSync(logoFile(v)), "no such file under public/"),
});

/** The demo's seller: a plausible Singapore company, so the demo's invoices and contracts show a full block. */
export const DEMO_SELLER: SellerSnapshot = {
  name: "Billing Center Cloud Pte. Ltd.",
  address: "1 Raffles Place, #20-01 One Raffles Place\nSingapore 048616",
  taxId: "201912345R",
  bank: "DBS Bank Ltd · SWIFT DBSSSGSG · Account 072-012345-6",
  email: "billing@billing-center.example",
  logo: "logo.png",
};

export function logoFile(logo: string): string {
  return path.join(process.cwd(), "public", logo);
}

let cached: { key: string; seller: SellerSnapshot } | undefined;

/** The configured seller; throws with the variable's name and the reason when a value is wrong. */
export function sellerConfig(): SellerSnapshot {
  const env = process.env;
  const key = [env.SELLER_NAME, env.SELLER_ADDRESS, env.SELLER_TAX_ID, env.SELLER_BANK, env.SELLER_EMAIL, env.SELLER_LOGO, env.PLATFORM_NAME, env.BILLING_DEMO].join("\u0001");
  if (cached?.key === key) return cached.seller;
  const fallback: SellerSnapshot = isDemoMode() && !env.SELLER_NAME ? DEMO_SELLER : { name: env.PLATFORM_NAME?.trim() || "Billing Center", address: "", taxId: "", bank: "", email: "", logo: "" };
  const given = env.SELLER_NAME
    ? { name: env.SELLER_NAME, address: env.SELLER_ADDRESS ?? "", taxId: env.SELLER_TAX_ID ?? "", bank: env.SELLER_BANK ?? "", email: env.SELLER_EMAIL?.trim() ?? "", logo: env.SELLER_LOGO ?? "" }
    : fallback;
  const parsed = SellerSchema.safeParse(given);
  if (!parsed.success) {
    const names: Record<string, string> = { name: "SELLER_NAME", address: "SELLER_ADDRESS", taxId: "SELLER_TAX_ID", bank: "SELLER_BANK", email: "SELLER_EMAIL", logo: "SELLER_LOGO" };
    const why = parsed.error.issues.map((i) => `${names[String(i.path[0])] ?? i.path.join(".")} ${i.message}`).join("; ");
    throw new Error(`The seller configuration is invalid: ${why}.`);
  }
  cached = { key, seller: parsed.data };
  return parsed.data;
}
