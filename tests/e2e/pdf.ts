import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PDFParse } from "pdf-parse";

/** The text of a PDF, as a reader would copy it out. */
export async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** The first page of a PDF as a PNG beside the other screenshots (pdftoppm, from poppler-utils). */
export function pdfScreenshot(bytes: Buffer, name: string) {
  const dir = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "tests/.tmp/screenshots";
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  try {
    execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, path.join(dir, name)]);
  } catch {
    // No poppler on this machine: the PDF itself was still checked by parsing it.
  } finally {
    execFileSync("rm", ["-f", file]);
  }
}
