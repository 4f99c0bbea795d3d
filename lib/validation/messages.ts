/**
 * A field error from an action, for forms that show the message as sent: a message key of
 * ours (validation.plainText, validation.wholeNumber, …) in the reader's language, anything
 * else (the older plain-English messages) unchanged. Takes next-intl's root translator.
 */
export function fieldMessage(t: unknown, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const tr = t as { (key: string): string; has(key: string): boolean };
  return tr.has(message) ? tr(message) : message;
}
