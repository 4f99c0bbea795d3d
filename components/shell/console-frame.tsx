import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "./language-switch";
import { NavDrawer, NavMenuButton, NavPanel } from "./nav-drawer";
import { type NavGroup, SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

export interface FrameUser {
  name: string;
  email: string;
  roleLabel?: string;
}

/**
 * The console's frame: a skip link, the top bar (brand, an optional context control such
 * as the account switcher, language, user menu), the sidebar (a drawer behind a menu
 * button under 1024 px) and the main region.
 */
export async function ConsoleFrame({
  homeHref,
  brandSuffix,
  context,
  navLabel,
  groups,
  user,
  wide = false,
  children,
}: {
  homeHref: string;
  brandSuffix?: string;
  context?: ReactNode;
  navLabel: string;
  groups: NavGroup[];
  user: FrameUser;
  /** Tables with many columns (staff pages) get the full width. */
  wide?: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations();
  return (
    <NavDrawer>
      <div className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-blue-800 focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:px-3 focus:py-2 focus:outline-2 focus:outline-blue-700"
        >
          {t("shell.topBar.skipToContent")}
        </a>
        {/* Under 640 px the context control (the account switcher) takes a second row, so the
            language switch and the user menu always keep their place on the first. */}
        <header className="sticky top-0 z-20 flex min-h-14 shrink-0 flex-wrap items-center gap-x-2 gap-y-2 bg-gray-900 px-3 py-2.5 text-white shadow-sm sm:flex-nowrap sm:gap-x-4 sm:px-4 sm:py-0">
          <NavMenuButton />
          <Link
            href={homeHref}
            className="flex shrink-0 items-center gap-2 rounded-md px-1 py-1 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400"
          >
            <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-md bg-blue-600 text-xs font-bold">
              BC
            </span>
            <span className="sr-only sm:not-sr-only">{t("common.appName")}</span>
            {brandSuffix && <span className="rounded bg-amber-300 px-1.5 py-0.5 text-xs font-semibold text-gray-900">{brandSuffix}</span>}
          </Link>
          {context && <div className="hidden h-6 w-px shrink-0 bg-gray-700 sm:block" aria-hidden="true" />}
          {context && <div className="order-last flex w-full min-w-0 sm:order-none sm:w-auto sm:flex-1">{context}</div>}
          <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
            <LanguageSwitch />
            <UserMenu name={user.name} email={user.email} role={user.roleLabel} />
          </div>
        </header>
        <div className="flex flex-1 flex-col lg:flex-row">
          <NavPanel label={navLabel}>
            <SidebarNav label={navLabel} groups={groups} />
          </NavPanel>
          <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
            <div className={`mx-auto ${wide ? "max-w-7xl" : "max-w-6xl"}`}>{children}</div>
          </main>
        </div>
      </div>
    </NavDrawer>
  );
}
