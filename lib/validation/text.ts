import { z } from "zod";

/**
 * Invisible characters that change the order text is drawn in: the embeddings and overrides
 * (U+202A–U+202E), the isolates (U+2066–U+2069) and the direction marks (U+200E, U+200F,
 * U+061C). In a name shown to someone else they spoof it: "Acme\u202Egnp.exe" reads as
 * "Acmeexe.png". No real name, address or note needs them, so they are refused, not stripped
 * (stripping would save something other than what was typed).
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** The message key the shared forms translate (validation.plainText, in both languages). */
export const PLAIN_TEXT_MESSAGE = "validation.plainText";

export function hasBidiControls(s: string): boolean {
  return BIDI_CONTROLS.test(s);
}

/**
 * A text field shown to other people: a string without bidirectional controls. Chain the
 * field's own rules after it (`plainText().trim().min(1).max(80)`). `message` is for forms
 * that translate their own namespace's keys (contracts.errors.plainText, …).
 */
export function plainText(message: string = PLAIN_TEXT_MESSAGE) {
  return z.string().refine((s) => !hasBidiControls(s), { message });
}
