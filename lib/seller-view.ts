import { readFileSync } from "node:fs";
import type { SellerSnapshot } from "@/db/schema";
import { logoFile } from "./seller";

/** The seller as a document prints it: already worded in the document's language. */
export interface SellerView {
  name: string;
  lines: string[];
  /** The logo's bytes (read once per file per process), or null. */
  logo: { data: Buffer; format: "png" | "jpg" } | null;
}

const logos = new Map<string, SellerView["logo"]>();

function loadLogo(logo: string): SellerView["logo"] {
  if (!logo) return null;
  if (!logos.has(logo)) {
    let found: SellerView["logo"] = null;
    try {
      found = { data: readFileSync(logoFile(logo)), format: /\.png$/i.test(logo) ? "png" : "jpg" };
    } catch {
      // A logo removed after the invoice was issued: the block prints without it rather than failing the document.
    }
    logos.set(logo, found);
  }
  return logos.get(logo) ?? null;
}

/**
 * The seller block's lines for a document: invoices pass the seller they were issued with
 * (null on invoices issued before one was configured: the platform's name alone), contracts
 * and credit notes the one they keep or the current configuration.
 */
export function sellerView(seller: SellerSnapshot | null, fallbackName: string, labels: { taxId: string; bank: string }): SellerView {
  if (!seller) return { name: fallbackName, lines: [], logo: null };
  const lines = [
    ...seller.address.split("\n"),
    seller.taxId ? `${labels.taxId}: ${seller.taxId}` : "",
    ...seller.bank.split("\n").map((b, i) => (b && i === 0 ? `${labels.bank}: ${b}` : b)),
    seller.email,
  ].filter((l) => l.trim() !== "");
  return { name: seller.name, lines, logo: loadLogo(seller.logo) };
}
