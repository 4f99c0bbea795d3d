"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { connectWalletAction, startStripeSetupAction } from "@/lib/actions/payments/methods";

/**
 * PayPal and Alipay (and, with Stripe, cards): the test provider approves a wallet at once;
 * Stripe sends the customer to its own setup page and back.
 */
export function ProviderButtons({ accountId, provider, kinds }: { accountId: string; provider: "test" | "stripe"; kinds: ("card" | "paypal" | "alipay")[] }) {
  const t = useTranslations("payments.methods");
  const tAll = useTranslations();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const go = (kind: "card" | "paypal" | "alipay") =>
    start(async () => {
      if (provider === "stripe") {
        const r = await startStripeSetupAction({ accountId, kind });
        if (r.ok) window.location.assign(r.data.url);
        else setMessage({ tone: "error", text: tAll(`errors.${r.code}` as never) });
        return;
      }
      if (kind === "card") return;
      const r = await connectWalletAction({ accountId, kind });
      setMessage(r.ok ? { tone: "success", text: t("connected", { label: r.data.label }) } : { tone: "error", text: tAll(`errors.${r.code}` as never) });
    });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {kinds.map((k) => (
          <Button key={k} type="button" variant="secondary" disabled={pending} onClick={() => go(k)}>
            {k === "card" ? t("stripeAdd") : t("connect", { kind: t(`kinds.${k}`) })}
          </Button>
        ))}
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </div>
  );
}
