import type { HTMLAttributes } from "react";

export const BADGE_TONES = {
  gray: "bg-gray-100 text-gray-700 ring-gray-500/20",
  blue: "bg-blue-50 text-blue-800 ring-blue-600/20",
  indigo: "bg-indigo-50 text-indigo-800 ring-indigo-600/20",
  emerald: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  red: "bg-red-50 text-red-800 ring-red-600/20",
} as const;
export type BadgeTone = keyof typeof BADGE_TONES;

/** A short status label in a coloured chip; data-* attributes pass through for tests. */
export function Badge({ tone = "gray", pill = false, className = "", ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone; pill?: boolean; [data: `data-${string}`]: string | undefined }) {
  return <span className={`inline-flex items-center whitespace-nowrap px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${pill ? "rounded-full" : "rounded-md"} ${BADGE_TONES[tone]} ${className}`} {...props} />;
}
