/**
 * One CSV field. Text that a spreadsheet would run as a formula (= + - @) is defused with
 * a leading quote; pass `text = false` for numbers, whose minus sign is meant.
 */
export function csvField(value: string, text = true): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
