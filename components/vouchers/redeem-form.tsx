"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action";
import { type RedeemResult, redeemVoucherAction } from "@/lib/actions/vouchers/redeem-voucher";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { utcDateTime } from "./format";
import { inputClass } from "@/components/ui/input";

type State = ActionResult<RedeemResult> | null;

/**
 * The code field with Redeem, self-contained: the overview and the Vouchers page both
 * place it as is. `showLink` adds a link to the Vouchers page after a success.
 */
export function RedeemForm({ accountId, showLink = false }: { accountId: string; showLink?: boolean }) {
  const t = useTranslations("vouchers.redeem");
  const root = useTranslations();
  const locale = useLocale() as MoneyLocale;
  const [state, action, pending] = useActionState<State, FormData>(async (_s, fd) => redeemVoucherAction(fd), null);

  let message: { tone: "error" | "success"; text: string } | null = null;
  if (state && !state.ok) message = { tone: "error", text: state.code === "VALIDATION" ? t("refused.invalid") : root(`errors.${state.code}`) };
  else if (state?.ok && state.data.status === "refused") {
    const minutes = Math.max(1, Math.ceil((state.data.retryAfterSeconds ?? 60) / 60));
    message = { tone: "error", text: t(`refused.${state.data.reason}`, { minutes }) };
  } else if (state?.ok && state.data.status === "redeemed") {
    const d = state.data;
    const names = d.products.length ? d.products.map((p) => (locale === "zh-CN" ? p.zh : p.en)).join(locale === "zh-CN" ? "、" : ", ") : null;
    message = {
      tone: "success",
      text: t("redeemed", {
        amount: formatMoney(BigInt(d.faceValue), locale),
        products: names ?? t("allProducts"),
        until: utcDateTime(new Date(d.validUntil), locale),
      }),
    };
  }

  return (
    <form action={action} className="space-y-3" aria-label={t("title")}>
      <input type="hidden" name="accountId" value={accountId} />
      <div>
        <label htmlFor={`redeem-code-${accountId}`} className="block text-sm font-medium text-gray-800">
          {t("label")}
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id={`redeem-code-${accountId}`}
            name="code"
            required
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            placeholder={t("placeholder")}
            aria-describedby={`redeem-hint-${accountId}`}
            className={inputClass("block", "min-w-0 font-mono uppercase placeholder:font-sans placeholder:normal-case")}
          />
          <Button type="submit" disabled={pending} className="shrink-0 whitespace-nowrap">
            {t("button")}
          </Button>
        </div>
        <p id={`redeem-hint-${accountId}`} className="mt-1 text-xs text-gray-600">
          {t("hint")}
        </p>
      </div>
      {message && (
        <Alert tone={message.tone}>
          {message.text}
          {message.tone === "success" && showLink && (
            <>
              {" "}
              <Link href={`/a/${accountId}/billing/vouchers`} className="font-medium underline">
                {t("viewVouchers")}
              </Link>
            </>
          )}
        </Alert>
      )}
    </form>
  );
}
