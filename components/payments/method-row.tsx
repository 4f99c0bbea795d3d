"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action";
import { markMethodAction, removeMethodAction } from "@/lib/actions/payments/methods";

export interface MethodView {
  id: string;
  label: string;
  kind: "card" | "paypal" | "alipay" | "bank_transfer";
  provider: string;
  isDefault: boolean;
  isPrimary: boolean;
  added: string;
}

export function MethodRow({ accountId, method, canManage }: { accountId: string; method: MethodView; canManage: boolean }) {
  const t = useTranslations("payments.methods");
  const tAll = useTranslations();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : tAll(`errors.${r.code}` as never));
    });
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="method-row">
      <div>
        <p className="font-medium text-gray-900">
          {method.label}
          {method.isDefault && <span className="ml-2 rounded-full bg-blue-50 px-2 py-0.5 text-xs font-medium text-blue-800">{t("default")}</span>}
          {method.isPrimary && <span className="ml-2 rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800">{t("primary")}</span>}
        </p>
        <p className="text-xs text-gray-600">
          {t(`kinds.${method.kind}`)} · {t("via", { provider: t(`providers.${method.provider}` as "providers.test") })} · {t("added", { date: method.added })}
        </p>
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
      {canManage && (
        <div className="flex flex-wrap gap-2">
          {!method.isDefault && (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => markMethodAction({ accountId, methodId: method.id, role: "default" }))} aria-label={`${t("makeDefault")}: ${method.label}`}>
              {t("makeDefault")}
            </Button>
          )}
          {!method.isPrimary && (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => markMethodAction({ accountId, methodId: method.id, role: "primary" }))} aria-label={`${t("makePrimary")}: ${method.label}`}>
              {t("makePrimary")}
            </Button>
          )}
          <Button
            type="button"
            variant="ghost"
            disabled={pending}
            aria-label={`${t("remove")}: ${method.label}`}
            onClick={() => {
              if (confirm(t("removeConfirm", { label: method.label }))) run(() => removeMethodAction({ accountId, methodId: method.id }));
            }}
          >
            {t("remove")}
          </Button>
        </div>
      )}
    </li>
  );
}
