"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ensureStripeCustomer, markMethod, removeMethod, saveProviderMethod } from "@/lib/payments/methods";
import { activeProvider, stripeProvider } from "@/lib/payments/registry";
import { TestPaymentProvider } from "@/lib/payments/test-provider";

const PAGE = "/a/[accountId]/billing/payment-methods";
const REVALIDATE = [PAGE, "/a/[accountId]/billing", "/a/[accountId]/billing/top-up", "/a/[accountId]/billing/auto-recharge"];

/** Production without Stripe: no card, PayPal or Alipay can be saved (bank transfer remains). */
const notSetUp = () => new AppError("CONFLICT", "Card, PayPal and Alipay payments are not set up on this platform yet; pay by bank transfer.");

const CardSchema = z.object({ number: z.string().max(40), expiry: z.string().max(10), cvc: z.string().max(6) });

/** The built-in test provider's card form. Stripe collects cards on its own page (startSetupAction). */
export const addTestCardAction = accountAction({ schema: CardSchema, permission: "payment_methods.manage", revalidate: REVALIDATE }, async ({ db, input, user, ip }) => {
  const provider = activeProvider();
  if (!provider) throw notSetUp();
  if (!(provider instanceof TestPaymentProvider)) throw new AppError("CONFLICT", "Cards are added on the provider's page.");
  let saved;
  try {
    saved = provider.tokenizeCard(input);
  } catch (e) {
    // The provider's messages are English; the form shows the translated one for the field.
    const field = e instanceof AppError ? Object.keys(e.fieldErrors ?? {})[0] : undefined;
    const msg = e instanceof AppError ? (e.fieldErrors?.[field ?? ""]?.[0] ?? "") : "";
    const key = field === "number" ? (/test card/.test(msg) ? "payments.errors.testCardsOnly" : "payments.errors.cardNumber") : field === "expiry" ? "payments.errors.expiry" : field === "cvc" ? "payments.errors.cvc" : null;
    if (key && field) throw new AppError("VALIDATION", msg, { [field]: [key] });
    throw e;
  }
  const m = await saveProviderMethod(db, { accountId: input.accountId, provider: "test", method: saved, who: { userId: user.id, ip } });
  return { label: m.label };
});

const WalletSchema = z.object({ kind: z.enum(["paypal", "alipay"]) });

/** PayPal or Alipay: with the test provider an approved wallet at once; with Stripe through its setup page. */
export const connectWalletAction = accountAction({ schema: WalletSchema, permission: "payment_methods.manage", revalidate: REVALIDATE }, async ({ db, input, user, ip }) => {
  const provider = activeProvider();
  if (!provider) throw notSetUp();
  if (!(provider instanceof TestPaymentProvider)) throw new AppError("CONFLICT", "Use the provider's page.");
  const m = await saveProviderMethod(db, { accountId: input.accountId, provider: "test", method: provider.connectWallet(input.kind), who: { userId: user.id, ip } });
  return { label: m.label, redirect: null as string | null };
});

const SetupSchema = z.object({ kind: z.enum(["card", "paypal", "alipay"]) });

/** Stripe: a Checkout page in setup mode; the method is saved on return (and by the setup_intent.succeeded webhook). */
export const startStripeSetupAction = accountAction({ schema: SetupSchema, permission: "payment_methods.manage" }, async ({ db, input }) => {
  const stripe = stripeProvider();
  if (!stripe || !stripe.methodKinds.includes(input.kind)) throw new AppError("CONFLICT", "Stripe does not offer this method here.");
  const customerRef = await ensureStripeCustomer(db, input.accountId);
  const page = `${appUrl()}/a/${input.accountId}/billing/payment-methods`;
  return { url: await stripe.startSetup({ accountId: input.accountId, customerRef, kind: input.kind, returnUrl: page, cancelUrl: page }) };
});

const MarkSchema = z.object({ methodId: z.string().uuid(), role: z.enum(["default", "primary"]) });

export const markMethodAction = accountAction({ schema: MarkSchema, permission: "payment_methods.manage", revalidate: REVALIDATE }, async ({ db, input, user, ip }) => {
  const m = await markMethod(db, { accountId: input.accountId, methodId: input.methodId, role: input.role, who: { userId: user.id, ip } });
  return { label: m.label };
});

const RemoveSchema = z.object({ methodId: z.string().uuid() });

export const removeMethodAction = accountAction({ schema: RemoveSchema, permission: "payment_methods.manage", revalidate: REVALIDATE }, async ({ db, input, user, ip }) => {
  const m = await removeMethod(db, { accountId: input.accountId, methodId: input.methodId, who: { userId: user.id, ip } });
  return { label: m.label };
});
