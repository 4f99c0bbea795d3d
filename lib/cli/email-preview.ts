// Renders every email template with its preview data, in English and 简体中文, to
// .data/email-preview/<template>.<locale>.html (and .txt) to open in a browser, or
// into the folder given as the first argument.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { TEMPLATES, type TemplateName } from "@/emails";
import { renderEmail } from "@/lib/email/render";
import { LOCALES } from "@/lib/i18n/config";

const out = path.resolve(process.argv[2] ?? ".data/email-preview");
mkdirSync(out, { recursive: true });
for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
  for (const locale of LOCALES) {
    const { subject, html, text } = await renderEmail(name, locale, TEMPLATES[name].preview as never);
    writeFileSync(path.join(out, `${name}.${locale}.html`), html);
    writeFileSync(path.join(out, `${name}.${locale}.txt`), `Subject: ${subject}\n\n${text}`);
    console.log(`${name.padEnd(14)} ${locale.padEnd(6)} ${subject}`);
  }
}
console.log(`Written to ${path.relative(process.cwd(), out) || out}`);
