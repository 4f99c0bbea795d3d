import { z } from "zod";

/** The message key the shared forms translate (validation.wholeNumber, in both languages). */
export const WHOLE_NUMBER_MESSAGE = "validation.wholeNumber";

interface Options {
  min: number;
  max: number;
  /** One message for every failure (not a number, not whole, out of range): a key the form translates. */
  message?: string;
  /** A JSON body: only a JSON integer, never a string (what the API's OpenAPI document says). */
  json?: boolean;
}

/**
 * An integer field. A form sends text, and `z.coerce.number` reads far more than digits as a
 * number: "1e3" is 1000, "0x10" is 16, "1.0" is 1, " 12" and "+5" pass, "" is 0. Here a
 * string is taken only when it is ASCII digits (a leading "-" when negatives are allowed),
 * and the value must lie in [min, max]; a number (an action called with a plain object, or
 * JSON) must be a safe integer in range.
 */
export function wholeNumber({ min, max, message = WHOLE_NUMBER_MESSAGE, json = false }: Options) {
  const digits = min < 0 ? /^-?[0-9]{1,15}$/ : /^[0-9]{1,15}$/;
  return z
    .unknown()
    .transform((v, ctx) => {
      const n = typeof v === "number" ? v : !json && typeof v === "string" && digits.test(v) ? Number(v) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    })
    .pipe(z.number());
}
