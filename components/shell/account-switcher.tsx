"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { switchAccount } from "@/lib/actions/user/switch-account";

export interface SwitcherAccount {
  id: string;
  name: string;
}

export function AccountSwitcher({ current, accounts }: { current: string; accounts: SwitcherAccount[] }) {
  const t = useTranslations("shell.topBar");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState(false);

  function onChange(accountId: string) {
    if (accountId === current) return;
    setError(false);
    startTransition(async () => {
      const result = await switchAccount({ accountId });
      if (result.ok) router.push(result.data.href);
      else setError(true);
    });
  }

  return (
    <div className="flex w-full min-w-0 items-center gap-2 sm:w-auto">
      <label htmlFor="account-switcher" className="sr-only">
        {t("account")}
      </label>
      <select
        id="account-switcher"
        data-testid="account-switcher"
        value={current}
        disabled={pending || accounts.length < 2}
        onChange={(e) => onChange(e.target.value)}
        className="w-full min-w-0 truncate rounded-md sm:w-auto sm:max-w-56 border-0 bg-gray-800 py-1.5 pl-3 pr-8 text-sm font-medium text-white ring-1 ring-inset ring-gray-600 hover:bg-gray-700 focus:ring-2 focus:ring-blue-400 disabled:opacity-100"
      >
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      {error && (
        <span role="alert" className="text-xs text-red-300">
          {t("switchFailed")}
        </span>
      )}
    </div>
  );
}
