"use client";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { createContext, type ReactNode, type RefObject, use, useEffect, useId, useMemo, useRef, useState } from "react";

/** Under this width (Tailwind's `lg`) the navigation is a drawer behind a menu button. */
const DESKTOP = "(min-width: 1024px)";

interface Drawer {
  open: boolean;
  panelId: string;
  button: RefObject<HTMLButtonElement | null>;
  setOpen: (open: boolean) => void;
}

const DrawerContext = createContext<Drawer | null>(null);

function useDrawer(): Drawer {
  const drawer = use(DrawerContext);
  if (!drawer) throw new Error("NavMenuButton and NavPanel belong inside NavDrawer");
  return drawer;
}

/** The open/closed state the menu button and the navigation panel share. Closes on navigation and when the window grows to the desktop layout. */
export function NavDrawer({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  // A link followed inside the drawer lands on a new page: the drawer has done its job.
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    const desktop = window.matchMedia(DESKTOP);
    const onChange = () => desktop.matches && setOpen(false);
    desktop.addEventListener("change", onChange);
    return () => desktop.removeEventListener("change", onChange);
  }, []);
  const value = useMemo(() => ({ open, panelId, button, setOpen }), [open, panelId]);
  return <DrawerContext value={value}>{children}</DrawerContext>;
}

/** The header's menu button, shown under 1024 px. */
export function NavMenuButton() {
  const t = useTranslations("shell.topBar");
  const { open, panelId, button, setOpen } = useDrawer();
  return (
    <button
      ref={button}
      type="button"
      data-testid="nav-menu-button"
      aria-expanded={open}
      aria-controls={panelId}
      aria-label={t("openNavigation")}
      onClick={() => setOpen(!open)}
      className="-ml-1 flex size-9 shrink-0 items-center justify-center rounded-md text-gray-200 hover:bg-gray-800 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400 lg:hidden"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round">
        <path d="M4 6h16M4 12h16M4 18h16" />
      </svg>
    </button>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The navigation: a sidebar from 1024 px, a modal drawer below it while open (focus kept
 * inside, Escape or the backdrop closes it and focus returns to the menu button).
 */
export function NavPanel({ label, children }: { label: string; children: ReactNode }) {
  const t = useTranslations("shell.topBar");
  const { open, panelId, button, setOpen } = useDrawer();
  const panel = useRef<HTMLDivElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const root = panel.current!;
    (root.querySelector<HTMLElement>('[aria-current="page"]') ?? root.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        setOpen(false);
        button.current?.focus();
        return;
      }
      if (e.key !== "Tab") return;
      const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      const inside = root.contains(document.activeElement);
      if (e.shiftKey && (!inside || document.activeElement === first)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (!inside || document.activeElement === last)) {
        e.preventDefault();
        first.focus();
      }
    };
    // The page behind does not scroll under the drawer.
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    document.addEventListener("keydown", onKey);
    return () => {
      document.body.style.overflow = overflow;
      document.removeEventListener("keydown", onKey);
    };
  }, [open, setOpen, button]);

  return (
    <>
      {open && <div aria-hidden="true" data-testid="nav-backdrop" onClick={close} className="fixed inset-0 z-30 bg-gray-900/50 lg:hidden" />}
      <aside
        className={`shrink-0 bg-white lg:block lg:w-60 lg:border-r lg:border-gray-200 ${
          open ? "fixed inset-y-0 left-0 z-40 block w-72 max-w-[85vw] overflow-y-auto shadow-xl lg:static lg:z-auto lg:max-w-none lg:overflow-visible lg:shadow-none" : "hidden"
        }`}
      >
        <div
          ref={panel}
          id={panelId}
          role={open ? "dialog" : undefined}
          aria-modal={open ? true : undefined}
          aria-label={open ? label : undefined}
          className="lg:sticky lg:top-14"
        >
          {open && (
            <div className="flex justify-end px-3 pt-3 lg:hidden">
              <button
                type="button"
                data-testid="nav-close"
                aria-label={t("closeNavigation")}
                onClick={close}
                className="flex size-9 items-center justify-center rounded-md text-gray-600 hover:bg-gray-100 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-blue-700"
              >
                <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round">
                  <path d="M6 6l12 12M18 6L6 18" />
                </svg>
              </button>
            </div>
          )}
          {children}
        </div>
      </aside>
    </>
  );
}
