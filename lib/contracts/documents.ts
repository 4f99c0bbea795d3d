import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contractDocuments, type contracts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { type PdfDoc, sha256Hex as sha } from "@/lib/pdf/delivery";
import { renderContractPdf } from "./pdf/render";
import { buildContractViewModel, fullySigned } from "./view-model";

type ContractRow = typeof contracts.$inferSelect;

export async function getSignedDocument(db: DbOrTx, contractId: string) {
  const [row] = await db.select().from(contractDocuments).where(eq(contractDocuments.contractId, contractId));
  return row ?? null;
}

/**
 * Renders the fully signed contract in its language and stores it with its SHA-256, inside
 * the signing transaction: there is exactly one signed original, and it is never rendered
 * again (the table refuses updates).
 */
export async function storeSignedPdf(db: DbOrTx, c: ContractRow): Promise<{ sha256: string }> {
  if (!fullySigned(c.status)) throw new Error(`contract ${c.number} is not signed`);
  const pdf = await renderContractPdf(buildContractViewModel(c, c.locale));
  const sha256 = sha(pdf);
  await db.insert(contractDocuments).values({ contractId: c.id, locale: c.locale, pdf, sha256, size: pdf.length });
  return { sha256 };
}

/**
 * The PDF to download. Before both sides signed: rendered now, watermarked DRAFT. After: the
 * stored original byte for byte, or — when a copy in some language is asked for — a copy
 * rendered now, marked COPY, whose footer prints the original's hash.
 */
export async function contractPdf(db: DbOrTx, c: ContractRow, opts: { copy?: Locale } = {}): Promise<PdfDoc> {
  if (!fullySigned(c.status)) {
    const pdf = await renderContractPdf(buildContractViewModel(c, opts.copy ?? c.locale));
    return { pdf, sha256: sha(pdf), stored: false };
  }
  const original = await getSignedDocument(db, c.id);
  if (!original) throw new AppError("INTERNAL", "The signed document is missing.");
  if (!opts.copy) return { pdf: original.pdf, sha256: original.sha256, stored: true };
  const pdf = await renderContractPdf(buildContractViewModel(c, opts.copy, { copyOf: original.sha256 }));
  return { pdf, sha256: sha(pdf), stored: false };
}
