import { render } from "@react-email/render";
import { TEMPLATES, type TemplateName, type TemplateProps } from "@/emails";
import type { Locale } from "@/lib/i18n/config";

export async function renderEmail<N extends TemplateName>(template: N, locale: Locale, props: TemplateProps<N>) {
  const entry = TEMPLATES[template] as unknown as {
    render: (p: TemplateProps<N>, l: Locale) => React.ReactElement;
    subject: (p: TemplateProps<N>, l: Locale) => string;
  };
  const element = entry.render(props, locale);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: entry.subject(props, locale), html, text };
}
