import { render, toPlainText } from "@react-email/render";
import { TEMPLATES, type TemplateName, type TemplateProps } from "@/emails";
import type { Locale } from "@/lib/i18n/config";

export async function renderEmail<N extends TemplateName>(template: N, locale: Locale, props: TemplateProps<N>) {
  const entry = TEMPLATES[template] as unknown as {
    render: (p: TemplateProps<N>, l: Locale) => React.ReactElement;
    subject: (p: TemplateProps<N>, l: Locale) => string;
  };
  // One React render: the text part is the HTML converted, as render's plainText option would convert
  // the same markup after rendering it a second time (an invoice run queues an email per invoice).
  const html = await render(entry.render(props, locale));
  return { subject: entry.subject(props, locale), html, text: toPlainText(html) };
}
