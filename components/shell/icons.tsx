import type { ReactElement } from "react";

/** Small line icons for the navigation, decorative only (the link text names the item). */
const PATHS: Record<string, ReactElement> = {
  overview: (
    <>
      <rect x="3" y="3" width="7" height="9" rx="1" />
      <rect x="14" y="3" width="7" height="5" rx="1" />
      <rect x="14" y="12" width="7" height="9" rx="1" />
      <rect x="3" y="16" width="7" height="5" rx="1" />
    </>
  ),
  transactions: <path d="M7 7h13m0 0-4-4m4 4-4 4M17 17H4m0 0 4-4m-4 4 4 4" />,
  usage: <path d="M4 20V10m5 10V4m5 16v-7m5 7V8M3 20h18" />,
  costs: <path d="M4 20V10m5 10V4m5 16v-7m5 7V8M3 20h18" />,
  budgets: <path d="M12 3a9 9 0 1 0 9 9h-9V3Zm3-0.5V9h6.5A7 7 0 0 0 15 2.5Z" />,
  vouchers: <path d="M3 8a2 2 0 0 0 2-2h14a2 2 0 0 0 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 0-2 2H5a2 2 0 0 0-2-2v-2a2 2 0 0 0 0-4V8Zm12-2v12" />,
  invoices: <path d="M6 3h9l4 4v14H6V3Zm9 0v4h4M9 12h7M9 16h7" />,
  contracts: <path d="M5 3h10l4 4v5M5 3v18h7M5 3h0m10 0v4h4M8 9h6M8 13h4m3 7 5-5-2-2-5 5v2h2Z" />,
  paymentMethods: (
    <>
      <rect x="2.5" y="5" width="19" height="14" rx="2" />
      <path d="M2.5 10h19M6 15h4" />
    </>
  ),
  settings: (
    <>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2v3m0 14v3M4.9 4.9l2.1 2.1m10 10 2.1 2.1M2 12h3m14 0h3M4.9 19.1 7 17m10-10 2.1-2.1" />
    </>
  ),
  resources: (
    <>
      <rect x="3" y="4" width="18" height="6" rx="1.5" />
      <rect x="3" y="14" width="18" height="6" rx="1.5" />
      <path d="M7 7h.01M7 17h.01" />
    </>
  ),
  members: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14.5a6.5 6.5 0 0 1 3.5 5.5" />
    </>
  ),
  staff: <path d="M12 3 4 6v6c0 4.5 3.4 8.2 8 9 4.6-.8 8-4.5 8-9V6l-8-3Zm-3 9 2 2 4-4" />,
  accounts: <path d="M4 21V5a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v16M15 9h4a1 1 0 0 1 1 1v11M2 21h20M8 8h3M8 12h3M8 16h3" />,
  outbox: <path d="M3 6h18v12H3V6Zm0 0 9 7 9-7" />,
};

export type IconName = keyof typeof PATHS;

export function NavIcon({ name, className = "size-5" }: { name: string; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" className={className}>
      {PATHS[name] ?? null}
    </svg>
  );
}
