import { z } from "zod";
import type { Tags } from "@/db/schema/columns";

export type { Tags };

/** At most this many tags on one resource (AWS allows 50, Alibaba Cloud 20). */
export const MAX_TAGS = 20;
export const MAX_TAG_KEY = 64;
export const MAX_TAG_VALUE = 128;

// C0 and C1 control characters, DEL, and the line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const tagKey = z
  .string()
  .min(1, "A tag key is 1 to 64 characters.")
  .max(MAX_TAG_KEY, "A tag key is 1 to 64 characters.")
  .refine((k) => k.trim() === k, "A tag key has no spaces at its start or end.")
  .refine((k) => !CONTROL.test(k), "A tag key has no control characters.");
const tagValue = z
  .string()
  .max(MAX_TAG_VALUE, "A tag value is at most 128 characters.")
  .refine((v) => !CONTROL.test(v), "A tag value has no control characters.");

/**
 * Cost allocation tags as the API and the forms take them: an object of key → value, up
 * to 20, key 1–64 characters, value up to 128 (empty allowed), no control characters.
 * Keys are case-sensitive, as at AWS: `team` and `Team` are two tags.
 */
export const TagsSchema = z
  // zod reports a bad key as "Invalid key in record" with the reason nested: say the reason.
  .record(tagKey, tagValue, { error: (iss) => (iss.code === "invalid_key" ? iss.issues[0]?.message : undefined) })
  .refine((t) => Object.keys(t).length <= MAX_TAGS, `At most ${MAX_TAGS} tags on one resource.`);

/** The tags in key order: one spelling per set, for storage, fingerprints and comparison. */
export function normalizeTags(tags: Tags | undefined | null): Tags {
  if (!tags) return {};
  const out: Tags = {};
  for (const k of Object.keys(tags).sort()) out[k] = tags[k]!;
  return out;
}

/** Parses tags typed as `key:value` lines (a form's text area), the first colon separating. */
export function parseTagLines(text: string): { ok: true; tags: Tags } | { ok: false; error: string } {
  const tags: Tags = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(":");
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    const value = at < 0 ? "" : line.slice(at + 1).trim();
    if (key in tags) return { ok: false, error: `The tag key "${key}" appears twice.` };
    tags[key] = value;
  }
  const parsed = TagsSchema.safeParse(tags);
  return parsed.success ? { ok: true, tags: normalizeTags(parsed.data) } : { ok: false, error: parsed.error.issues[0]!.message };
}
