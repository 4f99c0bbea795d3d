"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { signOutAction } from "@/lib/actions/user/sign-out";
import { signOutEverywhereAction } from "@/lib/actions/user/sign-out-everywhere";

function initials(name: string, email: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length >= 2 ? parts[0]![0]! + parts[1]![0]! : (parts[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

/** One form button of the menu: works without JavaScript. */
function MenuForm({ action, testId, label, hint, divided = false }: { action: (f: FormData) => Promise<void>; testId: string; label: string; hint?: string; divided?: boolean }) {
  return (
    <form action={action} className={divided ? "border-t border-gray-100 p-1" : "p-1"}>
      <button
        type="submit"
        data-testid={testId}
        className="w-full rounded-md px-3 py-2 text-left text-sm font-medium text-gray-800 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        {label}
        {hint && <span className="block text-xs font-normal text-gray-600">{hint}</span>}
      </button>
    </form>
  );
}

/** A disclosure (not an ARIA menu): the button toggles a panel of ordinary controls. */
export function UserMenu({ name, email, role }: { name: string; email: string; role?: string }) {
  const t = useTranslations("shell.topBar");
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        data-testid="user-menu"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-white hover:bg-gray-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400"
      >
        <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-blue-600 text-xs font-semibold">
          {initials(name, email)}
        </span>
        <span className="sr-only">{t("userMenu")}: </span>
        <span className="sr-only max-w-40 truncate sm:not-sr-only">{name}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 text-gray-300" fill="currentColor">
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-20 mt-2 w-72 max-w-[calc(100vw-1.5rem)] rounded-lg bg-white p-1 text-gray-900 shadow-lg ring-1 ring-gray-200"
      >
        <div className="border-b border-gray-100 px-3 py-3">
          <p className="text-xs text-gray-600">{t("signedInAs")}</p>
          <p className="truncate text-sm font-semibold" data-testid="user-name">
            {name}
          </p>
          <p className="truncate text-sm text-gray-700" data-testid="user-email">
            {email}
          </p>
          {role && <p className="mt-1 text-xs text-gray-600">{role}</p>}
        </div>
        <MenuForm action={signOutAction} testId="sign-out" label={t("signOut")} />
        <MenuForm action={signOutEverywhereAction} testId="sign-out-everywhere" label={t("signOutEverywhere")} hint={t("signOutEverywhereHint")} divided />
      </div>
    </div>
  );
}
