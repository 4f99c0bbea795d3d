"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { topUpAction } from "@/lib/actions/payments/top-up";
import { formatMoney, type MoneyLocale, parseMoney } from "@/lib/money";
import { fieldError, formError } from "./messages";

export interface MethodOption {
  id: string;
  label: string;
  kind: string;
  isDefault: boolean;
}

type Result = ActionResult<{ paymentId: string; status: string; declineCode: string | null }>;

/** The quick amounts: one click sets the amount field. */
function QuickPicks({ quickPicks, amount, setAmount, money }: { quickPicks: string[]; amount: string; setAmount: (v: string) => void; money: (micros: bigint) => string }) {
  const t = useTranslations("payments");
  return (
    <div>
      <p className="mb-2 text-sm font-medium text-gray-800">{t("topUp.quickPicks")}</p>
      <div className="flex flex-wrap gap-2">
        {quickPicks.map((q) => {
          const v = BigInt(q);
          const text = (v / 1_000_000n).toString();
          return (
            <button
              key={q}
              type="button"
              onClick={() => setAmount(text)}
              aria-pressed={amount === text}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ${amount === text ? "bg-blue-50 text-blue-800 ring-blue-300" : "bg-white text-gray-800 ring-gray-300 hover:bg-gray-50"}`}
            >
              {money(v)}
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** The saved methods and the wire transfer, as radio buttons. */
function MethodPicker({ methods, method, setMethod, addMethodHref }: { methods: MethodOption[]; method: string; setMethod: (v: string) => void; addMethodHref: string | null }) {
  const t = useTranslations("payments");
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-gray-800">{t("topUp.method")}</legend>
      <div className="space-y-2">
        {methods.map((m) => (
          <label key={m.id} className="flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 ring-1 ring-inset ring-gray-200 has-[:checked]:bg-blue-50 has-[:checked]:ring-blue-300">
            <input type="radio" name="method" value={m.id} checked={method === m.id} onChange={() => setMethod(m.id)} />
            <span className="text-sm text-gray-900">{m.label}</span>
            {m.isDefault && <span className="rounded-full bg-gray-100 px-2 py-0.5 text-xs text-gray-700">{t("methods.default")}</span>}
          </label>
        ))}
        <label className="flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 ring-1 ring-inset ring-gray-200 has-[:checked]:bg-blue-50 has-[:checked]:ring-blue-300">
          <input type="radio" name="method" value="wire" checked={method === "wire"} onChange={() => setMethod("wire")} />
          <span className="text-sm text-gray-900">{t("topUp.wire")}</span>
          <span className="text-xs text-gray-600">{t("topUp.wireHint")}</span>
        </label>
      </div>
      {methods.length === 0 && addMethodHref && (
        <p className="mt-2 text-sm text-gray-600">
          {t("topUp.noMethods")}{" "}
          <a href={addMethodHref} className="font-medium text-blue-700 underline">
            {t("topUp.addMethod")}
          </a>
        </p>
      )}
    </fieldset>
  );
}

/** The second step: what will be paid and how, then Pay (or the wire instructions). */
function TopUpConfirm({ amount, method, methodLabel, accountName, declined, otherError, pending, onPay, onBack }: { amount: string; method: string; methodLabel: string; accountName: string; declined: string | null; otherError: string | undefined; pending: boolean; onPay: () => void; onBack: () => void }) {
  const t = useTranslations("payments");
  return (
    <section aria-labelledby="confirm-title" className="space-y-4" data-testid="top-up-confirm">
      <h2 id="confirm-title" className="text-base font-semibold text-gray-900">
        {t("topUp.confirmTitle")}
      </h2>
      <dl className="divide-y divide-gray-100 rounded-md bg-gray-50 px-4 text-sm">
        <div className="flex justify-between py-2.5">
          <dt className="text-gray-600">{t("receipt.amount")}</dt>
          <dd className="font-semibold tabular-nums text-gray-900">{amount}</dd>
        </div>
        <div className="flex justify-between py-2.5">
          <dt className="text-gray-600">{t("receipt.method")}</dt>
          <dd className="text-gray-900">{methodLabel}</dd>
        </div>
      </dl>
      <p className="text-sm text-gray-700">{method === "wire" ? t("topUp.confirmWire", { amount, account: accountName }) : t("topUp.confirmCharge", { amount, method: methodLabel, account: accountName })}</p>
      {declined && <Alert tone="error">{declined}</Alert>}
      {otherError && <Alert tone="error">{otherError}</Alert>}
      <div className="flex gap-3">
        <Button type="button" onClick={onPay} disabled={pending}>
          {pending ? t("topUp.paying") : method === "wire" ? t("topUp.getInstructions") : t("topUp.pay", { amount })}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={onBack}>
          {t("topUp.back")}
        </Button>
      </div>
    </section>
  );
}

export function TopUpForm(props: { accountId: string; accountName: string; methods: MethodOption[]; quickPicks: string[]; min: string; max: string; addMethodHref: string | null }) {
  const t = useTranslations("payments");
  const tAll = useTranslations();
  const locale = useLocale() as MoneyLocale;
  const router = useRouter();
  const money = (micros: bigint) => formatMoney(micros, locale);
  const [amount, setAmount] = useState("100");
  const [method, setMethod] = useState(props.methods.find((m) => m.isDefault)?.id ?? props.methods[0]?.id ?? "wire");
  const [step, setStep] = useState<"edit" | "confirm">("edit");
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [state, setState] = useState<Result | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const min = BigInt(props.min);
  const max = BigInt(props.max);
  const limits = { min: money(min), max: money(max) };

  const parsed = (() => {
    try {
      const v = parseMoney(amount);
      return v >= min && v <= max && v % 10_000n === 0n ? v : null;
    } catch {
      return null;
    }
  })();
  const chosen = props.methods.find((m) => m.id === method);
  const methodLabel = method === "wire" ? t("topUp.wire") : (chosen?.label ?? "");

  function next(e: React.FormEvent) {
    e.preventDefault();
    setState(null);
    if (parsed === null) return setLocalError(t("errors.amount", limits));
    setLocalError(null);
    setStep("confirm");
  }

  function pay() {
    startTransition(async () => {
      const r = await topUpAction({ accountId: props.accountId, amount, method, requestId });
      setState(r);
      if (r.ok && r.data.status !== "failed") {
        router.push(`/a/${props.accountId}/billing/top-up/${r.data.paymentId}`);
        return;
      }
      // A failed payment is final: the next try is a new payment.
      setRequestId(crypto.randomUUID());
      if (!r.ok) setStep("edit");
    });
  }

  const declined = state?.ok && state.data.status === "failed" ? (state.data.declineCode === "insufficient_funds" ? t("topUp.insufficient") : t("topUp.declined")) : null;
  const amountError = localError ?? fieldError(tAll, state, "amount", limits);
  const otherError = fieldError(tAll, state, "method") ?? formError(tAll, state, ["amount", "method"]);

  if (step === "confirm" && parsed !== null) {
    return <TopUpConfirm amount={money(parsed)} method={method} methodLabel={methodLabel} accountName={props.accountName} declined={declined} otherError={otherError} pending={pending} onPay={pay} onBack={() => (setStep("edit"), setState(null))} />;
  }

  return (
    <form onSubmit={next} className="space-y-5" aria-label={t("topUp.title")} noValidate>
      <div className="max-w-xs">
        <Field label={t("topUp.amount")} name="amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} hint={t("topUp.amountHint", limits)} error={amountError} />
      </div>
      <QuickPicks quickPicks={props.quickPicks} amount={amount} setAmount={setAmount} money={money} />
      <MethodPicker methods={props.methods} method={method} setMethod={setMethod} addMethodHref={props.addMethodHref} />
      {otherError && <Alert tone="error">{otherError}</Alert>}
      <Button type="submit">{t("topUp.continue")}</Button>
    </form>
  );
}
