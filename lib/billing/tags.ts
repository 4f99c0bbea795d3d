import { z } from "zod";
import type { Tags } from "@/db/schema/columns";

export type { Tags };

/** At most this many tags on one resource (AWS allows 50, Alibaba Cloud 20). */
export const MAX_TAGS = 20;
export const MAX_TAG_KEY = 64;
export const MAX_TAG_VALUE = 128;

// C0 and C1 control characters, DEL, and the line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The rules' messages (the API's, in English), by the code a form translates them with. */
export const TAG_MESSAGES = {
  tooMany: `At most ${MAX_TAGS} tags on one resource.`,
  keyLength: "A tag key is 1 to 64 characters.",
  keySpaces: "A tag key has no spaces at its start or end.",
  keyControl: "A tag key has no control characters.",
  valueLength: "A tag value is at most 128 characters.",
  valueControl: "A tag value has no control characters.",
} as const;
export type TagProblem = keyof typeof TAG_MESSAGES | "keyEmpty" | "duplicate" | "tooLong";

const tagKey = z
  .string()
  .min(1, TAG_MESSAGES.keyLength)
  .max(MAX_TAG_KEY, TAG_MESSAGES.keyLength)
  .refine((k) => k.trim() === k, TAG_MESSAGES.keySpaces)
  .refine((k) => !CONTROL.test(k), TAG_MESSAGES.keyControl);
const tagValue = z
  .string()
  .max(MAX_TAG_VALUE, TAG_MESSAGES.valueLength)
  .refine((v) => !CONTROL.test(v), TAG_MESSAGES.valueControl);

/**
 * Cost allocation tags as the API and the forms take them: an object of key → value, up
 * to 20, key 1–64 characters, value up to 128 (empty allowed), no control characters.
 * Keys are case-sensitive, as at AWS: `team` and `Team` are two tags.
 */
export const TagsSchema = z
  // zod reports a bad key as "Invalid key in record" with the reason nested: say the reason.
  .record(tagKey, tagValue, { error: (iss) => (iss.code === "invalid_key" ? iss.issues[0]?.message : undefined) })
  .refine((t) => Object.keys(t).length <= MAX_TAGS, TAG_MESSAGES.tooMany);

/** The tags in key order: one spelling per set, for storage, fingerprints and comparison. */
export function normalizeTags(tags: Tags | undefined | null): Tags {
  if (!tags) return {};
  const out: Tags = {};
  for (const k of Object.keys(tags).sort()) out[k] = tags[k]!;
  return out;
}

/** Parses tags typed as `key:value` lines (a form's text area), the first colon separating. */
export function parseTagLines(text: string): { ok: true; tags: Tags } | { ok: false; error: string; problem: TagProblem; key?: string } {
  const tags: Tags = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(":");
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    const value = at < 0 ? "" : line.slice(at + 1).trim();
    if (key in tags) return { ok: false, error: `The tag key "${key}" appears twice.`, problem: "duplicate", key };
    tags[key] = value;
  }
  const parsed = TagsSchema.safeParse(tags);
  if (parsed.success) return { ok: true, tags: normalizeTags(parsed.data) };
  const issue = parsed.error.issues[0]!;
  const code = (Object.keys(TAG_MESSAGES) as (keyof typeof TAG_MESSAGES)[]).find((c) => TAG_MESSAGES[c] === issue.message) ?? "keyLength";
  // A key's or a value's issue is at that key; the count's at the set.
  const key = issue.path.length ? String(issue.path[0]) : undefined;
  return { ok: false, error: issue.message, problem: key === "" ? "keyEmpty" : code, ...(key === undefined ? {} : { key }) };
}

/** The most a tag text area may hold: 20 full-length lines and room for blank ones. */
const MAX_TAG_TEXT = 10_000;

/**
 * A form's tag text area (`key:value` lines), parsed to tags. A bad text is one issue whose
 * message is the translation key of the rule it breaks (`resources.tagErrors.<problem>`),
 * followed, when the rule concerns one tag, by a second carrying that tag's key: the form
 * shows "“team”: …" in the reader's language.
 */
export const TagLinesSchema = z
  .string()
  .max(MAX_TAG_TEXT, "resources.tagErrors.tooLong")
  .transform((text, ctx) => {
    const parsed = parseTagLines(text);
    if (parsed.ok) return parsed.tags;
    ctx.addIssue({ code: "custom", message: `resources.tagErrors.${parsed.problem}` });
    if (parsed.key !== undefined) ctx.addIssue({ code: "custom", message: parsed.key });
    return z.NEVER;
  });

/** A tag set as the form's text area shows it: one `key:value` a line, in key order. */
export const tagLines = (tags: Tags): string =>
  Object.entries(normalizeTags(tags))
    .map(([k, v]) => `${k}:${v}`)
    .join("\n");
