import { type DateTimeFormatOptions, useFormatter } from "next-intl";

const STYLES = {
  date: { dateStyle: "medium" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  seconds: { dateStyle: "medium", timeStyle: "medium" },
} as const satisfies Record<string, DateTimeFormatOptions>;

/**
 * A moment in the viewer's locale, in a <time> element with its ISO value. `utc` shows it
 * on UTC (the billing day), otherwise in the app's time zone.
 */
export function DateTime({ value, show = "dateTime", utc = false }: { value: Date; show?: keyof typeof STYLES; utc?: boolean }) {
  const format = useFormatter();
  return <time dateTime={value.toISOString()}>{format.dateTime(value, utc ? { ...STYLES[show], timeZone: "UTC" } : STYLES[show])}</time>;
}
