"use client";
import { useLocale } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE } from "@/lib/i18n/config";

/** Before sign-in there is no user to save the choice on: the cookie is enough. */
export function LocaleLinks() {
  const locale = useLocale();
  const router = useRouter();
  const pick = (l: string) => {
    document.cookie = `${LOCALE_COOKIE}=${l}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  };
  return (
    <div className="mt-4 flex justify-center gap-3 text-sm" role="group" aria-label="Language / 语言">
      {[
        ["en", "English"],
        ["zh-CN", "简体中文"],
      ].map(([l, label]) => (
        <button key={l} type="button" lang={l} onClick={() => pick(l!)} aria-pressed={locale === l} className={locale === l ? "font-semibold text-gray-900" : "text-blue-700 underline hover:text-blue-900"}>
          {label}
        </button>
      ))}
    </div>
  );
}
