import type { ReactElement } from "react";
import type { Locale } from "@/lib/i18n/config";
import InvoiceIssuedEmail, { type InvoiceIssuedProps, invoiceIssuedSubject } from "./invoice-issued";
import InvitationEmail, { type InvitationProps, invitationSubject } from "./invitation";
import ContractUpdateEmail, { type ContractUpdateProps, contractUpdateSubject } from "./contract-update";
import AutoRechargeFailedEmail, { type AutoRechargeFailedProps, autoRechargeFailedSubject } from "./auto-recharge-failed";
import LowFundsEmail, { type LowFundsProps, lowFundsSubject } from "./low-funds";
import MagicLinkEmail, { type MagicLinkProps, magicLinkSubject } from "./magic-link";
import {
  OverdueEmail, OverdueReleasedEmail, type OverdueProps, OverdueStoppedEmail, overdueReleasedSubject, overdueStoppedSubject, overdueSubject,
} from "./overdue";
import PaymentReceiptEmail, { type PaymentReceiptProps, paymentReceiptSubject } from "./payment-receipt";
import SubscriptionReminderEmail, { type SubscriptionReminderProps, subscriptionReminderSubject } from "./subscription-reminder";

/**
 * Every email the app sends. Each entry renders in the recipient's language and
 * carries preview data (`npm run email:preview`); later features add their templates here.
 */
export const TEMPLATES = {
  "magic-link": {
    render: (p: MagicLinkProps, locale: Locale): ReactElement => <MagicLinkEmail {...p} locale={locale} />,
    subject: (_p: MagicLinkProps, locale: Locale) => magicLinkSubject(locale),
    preview: MagicLinkEmail.PreviewProps,
  },
  invitation: {
    render: (p: InvitationProps, locale: Locale): ReactElement => <InvitationEmail {...p} locale={locale} />,
    subject: (p: InvitationProps, locale: Locale) => invitationSubject(locale, p),
    preview: InvitationEmail.PreviewProps,
  },
  "billing-overdue": {
    render: (p: OverdueProps, locale: Locale): ReactElement => <OverdueEmail {...p} locale={locale} />,
    subject: (p: OverdueProps, locale: Locale) => overdueSubject(locale, p),
    preview: OverdueEmail.PreviewProps,
  },
  "billing-overdue-stopped": {
    render: (p: OverdueProps, locale: Locale): ReactElement => <OverdueStoppedEmail {...p} locale={locale} />,
    subject: (p: OverdueProps, locale: Locale) => overdueStoppedSubject(locale, p),
    preview: OverdueStoppedEmail.PreviewProps,
  },
  "billing-overdue-released": {
    render: (p: OverdueProps, locale: Locale): ReactElement => <OverdueReleasedEmail {...p} locale={locale} />,
    subject: (p: OverdueProps, locale: Locale) => overdueReleasedSubject(locale, p),
    preview: OverdueReleasedEmail.PreviewProps,
  },
  "subscription-reminder": {
    render: (p: SubscriptionReminderProps, locale: Locale): ReactElement => <SubscriptionReminderEmail {...p} locale={locale} />,
    subject: (p: SubscriptionReminderProps, locale: Locale) => subscriptionReminderSubject(locale, p),
    preview: SubscriptionReminderEmail.PreviewProps,
  },
  "invoice-issued": {
    render: (p: InvoiceIssuedProps, locale: Locale): ReactElement => <InvoiceIssuedEmail {...p} locale={locale} />,
    subject: (p: InvoiceIssuedProps, locale: Locale) => invoiceIssuedSubject(locale, p),
    preview: InvoiceIssuedEmail.PreviewProps,
  },
  "payment-receipt": {
    render: (p: PaymentReceiptProps, locale: Locale): ReactElement => <PaymentReceiptEmail {...p} locale={locale} />,
    subject: (p: PaymentReceiptProps, locale: Locale) => paymentReceiptSubject(locale, p),
    preview: PaymentReceiptEmail.PreviewProps,
  },
  "auto-recharge-failed": {
    render: (p: AutoRechargeFailedProps, locale: Locale): ReactElement => <AutoRechargeFailedEmail {...p} locale={locale} />,
    subject: (p: AutoRechargeFailedProps, locale: Locale) => autoRechargeFailedSubject(locale, p),
    preview: AutoRechargeFailedEmail.PreviewProps,
  },
  "low-funds": {
    render: (p: LowFundsProps, locale: Locale): ReactElement => <LowFundsEmail {...p} locale={locale} />,
    subject: (p: LowFundsProps, locale: Locale) => lowFundsSubject(locale, p),
    preview: LowFundsEmail.PreviewProps,
  },
  "contract-update": {
    render: (p: ContractUpdateProps, locale: Locale): ReactElement => <ContractUpdateEmail {...p} locale={locale} />,
    subject: (p: ContractUpdateProps, locale: Locale) => contractUpdateSubject(locale, p),
    preview: ContractUpdateEmail.PreviewProps,
  },
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateProps<N extends TemplateName> = Parameters<(typeof TEMPLATES)[N]["render"]>[0];
