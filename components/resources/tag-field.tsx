"use client";
import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/ui/field";
import { MAX_TAGS } from "@/lib/billing/tags";

/** A tag key inside an error message: long ones cut, so the message stays readable. */
const shortKey = (key: string) => (key.length > 24 ? `${key.slice(0, 23)}…` : key);

/**
 * The tag field's error as the action sent it (lib/billing/tags.ts TagLinesSchema): the
 * rule's message key, then the tag key it concerns, if any; anything else as sent.
 */
export function tagError(t: ReturnType<typeof useTranslations>, errors: string[] | undefined): string | undefined {
  const [message, key] = errors ?? [];
  if (!message) return undefined;
  return t.has(message) ? t(message, { key: shortKey(key ?? ""), max: MAX_TAGS }) : message;
}

/**
 * Tags typed as one `key:value` a line. Controlled by the form, so what was typed survives a
 * refused submit (React resets a form's uncontrolled fields after its action).
 */
export function TagField({ id, value, onChange, errors }: { id: string; value: string; onChange: (text: string) => void; errors: string[] | undefined }) {
  const t = useTranslations();
  return (
    <TextAreaField
      label={t("resources.tags")}
      id={id}
      name="tags"
      rows={3}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      hint={t("resources.tagsHint", { max: MAX_TAGS })}
      error={tagError(t, errors)}
      spellCheck={false}
      autoCapitalize="none"
      placeholder={"team:ml\nenv:prod"}
      className="font-mono"
    />
  );
}
