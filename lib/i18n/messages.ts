import type { Locale } from "./config";
// One file per area, so features can grow their strings without touching each other's.
import enAuth from "./messages/en/auth.json";
import enBilling from "./messages/en/billing.json";
import enCore from "./messages/en/core.json";
import enMailbox from "./messages/en/mailbox.json";
import enMembers from "./messages/en/members.json";
import enPages from "./messages/en/pages.json";
import enPayments from "./messages/en/payments.json";
import enResources from "./messages/en/resources.json";
import enSettings from "./messages/en/settings.json";
import enShell from "./messages/en/shell.json";
import enStaff from "./messages/en/staff.json";
import enVouchers from "./messages/en/vouchers.json";
import enInvoices from "./messages/en/invoices.json";
import enAlerts from "./messages/en/alerts.json";
import enContracts from "./messages/en/contracts.json";
import enWebhooks from "./messages/en/webhooks.json";
import enPlatformKeys from "./messages/en/platform-keys.json";
import enUsage from "./messages/en/usage.json";
import zhAuth from "./messages/zh-CN/auth.json";
import zhBilling from "./messages/zh-CN/billing.json";
import zhCore from "./messages/zh-CN/core.json";
import zhMailbox from "./messages/zh-CN/mailbox.json";
import zhMembers from "./messages/zh-CN/members.json";
import zhPages from "./messages/zh-CN/pages.json";
import zhPayments from "./messages/zh-CN/payments.json";
import zhResources from "./messages/zh-CN/resources.json";
import zhSettings from "./messages/zh-CN/settings.json";
import zhShell from "./messages/zh-CN/shell.json";
import zhStaff from "./messages/zh-CN/staff.json";
import zhVouchers from "./messages/zh-CN/vouchers.json";
import zhInvoices from "./messages/zh-CN/invoices.json";
import zhAlerts from "./messages/zh-CN/alerts.json";
import zhContracts from "./messages/zh-CN/contracts.json";
import zhWebhooks from "./messages/zh-CN/webhooks.json";
import zhPlatformKeys from "./messages/zh-CN/platform-keys.json";
import zhUsage from "./messages/zh-CN/usage.json";
import enBudgets from "./messages/en/budgets.json";
import zhBudgets from "./messages/zh-CN/budgets.json";
import enCreditNotes from "./messages/en/credit-notes.json";
import zhCreditNotes from "./messages/zh-CN/credit-notes.json";

const en = { ...enCore, auth: enAuth, members: enMembers, shell: enShell, pages: enPages, staff: enStaff, mailbox: enMailbox, settings: enSettings, resources: enResources, billing: enBilling, invoices: enInvoices, vouchers: enVouchers, payments: enPayments, alerts: enAlerts, contracts: enContracts, webhooks: enWebhooks, platformKeys: enPlatformKeys, usage: enUsage, budgets: enBudgets, creditNotes: enCreditNotes };

export type Messages = typeof en;

// zh-CN must have every key en has: a missing one fails the type check.
const zh: Messages = { ...zhCore, auth: zhAuth, members: zhMembers, shell: zhShell, pages: zhPages, staff: zhStaff, mailbox: zhMailbox, settings: zhSettings, resources: zhResources, billing: zhBilling, invoices: zhInvoices, vouchers: zhVouchers, payments: zhPayments, alerts: zhAlerts, contracts: zhContracts, webhooks: zhWebhooks, platformKeys: zhPlatformKeys, usage: zhUsage, budgets: zhBudgets, creditNotes: zhCreditNotes };

export const MESSAGES: Record<Locale, Messages> = { en, "zh-CN": zh };
