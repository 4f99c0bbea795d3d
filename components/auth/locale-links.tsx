"use client";
import { useLocale } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setGuestLocale } from "@/lib/actions/auth/set-guest-locale";

export function LocaleLinks() {
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const pick = (l: "en" | "zh-CN") =>
    start(async () => {
      await setGuestLocale({ locale: l });
      router.refresh();
    });
  return (
    <div className="mt-4 flex justify-center gap-3 text-sm" role="group" aria-label="Language / 语言">
      {(
        [
          ["en", "English"],
          ["zh-CN", "简体中文"],
        ] as const
      ).map(([l, label]) => (
        <button key={l} type="button" lang={l} disabled={pending} onClick={() => pick(l)} aria-pressed={locale === l} className={locale === l ? "font-semibold text-gray-900" : "text-blue-700 underline hover:text-blue-900"}>
          {label}
        </button>
      ))}
    </div>
  );
}
