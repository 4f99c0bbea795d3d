"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/lib/actions/user/set-locale";
import { isLocale, LOCALES } from "@/lib/i18n/config";

const NAMES = { en: "English", "zh-CN": "简体中文" } as const;

/** English / 简体中文, saved on the user and in the locale cookie. Each name is written in its own language. */
export function LanguageSwitch({ id = "language-switch", tone = "dark" }: { id?: string; tone?: "dark" | "light" }) {
  const t = useTranslations("shell.topBar");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function onChange(next: string) {
    if (!isLocale(next) || next === locale) return;
    startTransition(async () => {
      const result = await setLocale({ locale: next });
      if (result.ok) router.refresh();
    });
  }

  const cls =
    tone === "dark"
      ? "bg-gray-800 text-white ring-gray-600 hover:bg-gray-700 focus:ring-blue-400"
      : "bg-white text-gray-900 ring-gray-300 focus:ring-blue-700";
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className={tone === "dark" ? "sr-only" : "text-sm font-medium text-gray-800"}>
        {t("language")}
      </label>
      <select
        id={id}
        data-testid={id}
        value={locale}
        disabled={pending}
        aria-busy={pending}
        onChange={(e) => onChange(e.target.value)}
        className={`rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset focus:ring-2 ${cls}`}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
