import { simulatedTime } from "@/lib/clock";
import type { DbOrTx } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import type { TemplateName, TemplateProps } from "@/emails";
import type { Locale } from "@/lib/i18n/config";
import { renderEmail } from "./render";

export interface SendEmailInput<N extends TemplateName> {
  to: string;
  locale: Locale;
  template: N;
  props: TemplateProps<N>;
  /** The same key twice queues one email: retries of the causing event never send twice. */
  idempotencyKey: string;
  accountId?: string | null;
}

/**
 * Queues an email in the caller's transaction: it leaves only if the event that caused
 * it commits. The delivery job (lib/jobs/deliver-emails.ts) sends it.
 */
export async function sendEmail<N extends TemplateName>(db: DbOrTx, input: SendEmailInput<N>): Promise<void> {
  const { subject, html, text } = await renderEmail(input.template, input.locale, input.props);
  await db
    .insert(emailOutbox)
    .values({
      idempotencyKey: input.idempotencyKey,
      accountId: input.accountId ?? null,
      to: input.to,
      locale: input.locale,
      template: input.template,
      props: input.props as object,
      subject,
      html,
      text,
      createdAt: simulatedTime() ?? undefined,
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey });
}
