import type { ReactElement } from "react";
import type { Locale } from "@/lib/i18n/config";
import InvoiceIssuedEmail, { invoiceIssuedSubject } from "./invoice-issued";
import CreditNoteIssuedEmail, { creditNoteIssuedSubject } from "./credit-note-issued";
import InvitationEmail, { invitationSubject } from "./invitation";
import ContractUpdateEmail, { contractUpdateSubject } from "./contract-update";
import AutoRechargeFailedEmail, { autoRechargeFailedSubject } from "./auto-recharge-failed";
import BudgetThresholdEmail, { budgetThresholdSubject } from "./budget-threshold";
import LowFundsEmail, { lowFundsSubject } from "./low-funds";
import MagicLinkEmail, { magicLinkSubject } from "./magic-link";
import { OverdueEmail, OverdueReleasedEmail, OverdueStoppedEmail, overdueReleasedSubject, overdueStoppedSubject, overdueSubject } from "./overdue";
import PaymentReceiptEmail, { paymentReceiptSubject } from "./payment-receipt";
import SubscriptionReminderEmail, { subscriptionReminderSubject } from "./subscription-reminder";
import { SubscriptionReleasedEmail, SubscriptionStoppedEmail, subscriptionReleasedSubject, subscriptionStoppedSubject } from "./subscription-lapse";

/** A template entry: its component rendered in a language, its subject, and its preview data. */
function template<P extends object>(Email: ((p: P & { locale?: Locale }) => ReactElement) & { PreviewProps: NoInfer<P> }, subject: (locale: Locale, p: P) => string) {
  return {
    render: (p: P, locale: Locale): ReactElement => <Email {...p} locale={locale} />,
    subject: (p: P, locale: Locale) => subject(locale, p),
    preview: Email.PreviewProps,
  };
}

/**
 * Every email the app sends. Each entry renders in the recipient's language and
 * carries preview data (`npm run email:preview`); later features add their templates here.
 */
export const TEMPLATES = {
  "magic-link": template(MagicLinkEmail, magicLinkSubject),
  invitation: template(InvitationEmail, invitationSubject),
  "billing-overdue": template(OverdueEmail, overdueSubject),
  "billing-overdue-stopped": template(OverdueStoppedEmail, overdueStoppedSubject),
  "billing-overdue-released": template(OverdueReleasedEmail, overdueReleasedSubject),
  "subscription-reminder": template(SubscriptionReminderEmail, subscriptionReminderSubject),
  "subscription-stopped": template(SubscriptionStoppedEmail, subscriptionStoppedSubject),
  "subscription-released": template(SubscriptionReleasedEmail, subscriptionReleasedSubject),
  "invoice-issued": template(InvoiceIssuedEmail, invoiceIssuedSubject),
  "credit-note-issued": template(CreditNoteIssuedEmail, creditNoteIssuedSubject),
  "payment-receipt": template(PaymentReceiptEmail, paymentReceiptSubject),
  "auto-recharge-failed": template(AutoRechargeFailedEmail, autoRechargeFailedSubject),
  "low-funds": template(LowFundsEmail, lowFundsSubject),
  "contract-update": template(ContractUpdateEmail, contractUpdateSubject),
  "budget-threshold": template(BudgetThresholdEmail, budgetThresholdSubject),
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateProps<N extends TemplateName> = Parameters<(typeof TEMPLATES)[N]["render"]>[0];
