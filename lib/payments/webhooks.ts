import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { withTx } from "@/db/tx";
import { paymentWebhookEvents, payments } from "@/db/schema";
import { clockNow } from "@/lib/clock";
import type { PaymentProvider, WebhookEvent } from "./provider";
import { providerFor } from "./registry";
import { failPayment, settlePayment } from "./settle";
import { saveProviderMethod } from "./methods";
import { StripePaymentProvider } from "./stripe-provider";

export interface WebhookResult {
  event: WebhookEvent;
  /** The event was already processed before: nothing changed. */
  duplicate: boolean;
}

/**
 * A provider's webhook: the signature is verified over the raw body first (a bad one
 * throws WebhookSignatureError and nothing is written). The event is recorded once per
 * (provider, event id) and claimed in one transaction with applying it: the replay whose
 * `update … where processed_at is null` takes the row applies the event and answers
 * `duplicate: false`; every other replay waits on that row and, once it commits, finds it
 * processed and answers `duplicate: true` (if it rolled back, the next one claims it).
 * Applying stays idempotent besides (settlePayment locks the payment, the ledger key is
 * the payment's), so ten replays, in sequence or at once, credit once and say so.
 */
export async function handleWebhook(db: Db, providerName: "test" | "stripe", rawBody: string, headers: Headers, opts: { provider?: PaymentProvider; now?: Date } = {}): Promise<WebhookResult> {
  const provider = opts.provider ?? providerFor(providerName);
  const now = opts.now ?? clockNow();
  const event = provider.parseWebhook(rawBody, headers, now);
  return withTx(db, async (tx) => {
    await tx.insert(paymentWebhookEvents).values({ provider: providerName, eventId: event.id, type: event.type, receivedAt: now }).onConflictDoNothing();
    const claimed = await tx
      .update(paymentWebhookEvents)
      .set({ processedAt: now })
      .where(and(eq(paymentWebhookEvents.provider, providerName), eq(paymentWebhookEvents.eventId, event.id), isNull(paymentWebhookEvents.processedAt)))
      .returning({ id: paymentWebhookEvents.id });
    if (!claimed.length) return { event, duplicate: true };
    await applyEvent(tx, providerName, provider, event, now);
    return { event, duplicate: false };
  });
}

async function applyEvent(db: DbOrTx, providerName: "test" | "stripe", provider: PaymentProvider, event: WebhookEvent, now: Date): Promise<void> {
  if (event.type === "payment.succeeded" || event.type === "payment.failed") {
    const payment = await findPayment(db, providerName, event.providerPaymentId, event.paymentId);
    if (payment) {
      if (event.type === "payment.succeeded") await settlePayment(db, payment.id, { providerPaymentId: event.providerPaymentId, now });
      else await failPayment(db, payment.id, event.message, { providerPaymentId: event.providerPaymentId, now });
    }
  } else if (event.type === "method.setup" && provider instanceof StripePaymentProvider) {
    await saveProviderMethod(db, { accountId: event.accountId, provider: "stripe", method: await provider.describeMethod(event.providerMethodRef) });
  }
}

async function findPayment(db: DbOrTx, provider: "test" | "stripe", providerPaymentId: string, paymentId?: string | null) {
  const [byRef] = await db.select().from(payments).where(and(eq(payments.provider, provider), eq(payments.providerPaymentId, providerPaymentId)));
  if (byRef) return byRef;
  // A payment whose charge timed out has no provider id yet; the provider echoes ours back.
  if (paymentId && /^[0-9a-f-]{36}$/i.test(paymentId)) {
    const [byId] = await db.select().from(payments).where(and(eq(payments.provider, provider), eq(payments.id, paymentId)));
    return byId;
  }
  return undefined;
}
