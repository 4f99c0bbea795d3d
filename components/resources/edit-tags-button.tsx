"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { setResourceTagsAction } from "@/lib/actions/resources/set-resource-tags";
import type { ActionResult } from "@/lib/actions/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { type Tags, tagLines } from "@/lib/billing/tags";
import { TagField } from "./tag-field";

type State = ActionResult<{ tags: Tags; changed: boolean }> | null;

/**
 * "Edit tags" on a resource: a dialog with its tags as `key:value` lines. Saved, it closes
 * and the page shows the new tags; refused, it stays open with the text as typed and the
 * reason under the field. Opened again, it starts from the resource's tags as they are.
 */
export function EditTagsButton({ accountId, resourceId, name, tags }: { accountId: string; resourceId: string; name: string; tags: Tags }) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* Small, beside the tags it edits: the row's actions column keeps to Release. */}
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={t("resources.editTagsOf", { name })}
        data-testid="edit-tags"
        className="mt-1 block rounded px-0.5 text-xs font-medium text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
      >
        {t("resources.editTags")}
      </button>
      {open && <TagsDialog accountId={accountId} resourceId={resourceId} name={name} tags={tags} onClosed={() => setOpen(false)} />}
    </>
  );
}

function TagsDialog({ accountId, resourceId, name, tags, onClosed }: { accountId: string; resourceId: string; name: string; tags: Tags; onClosed: () => void }) {
  const t = useTranslations();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState(() => tagLines(tags));
  const [state, action, pending] = useActionState<State, FormData>(async (_s, fd) => {
    const result = await setResourceTagsAction(fd);
    if (result.ok) dialog.current?.close();
    return result;
  }, null);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  const failed = state && !state.ok ? state : null;
  const titleId = `tags-title-${resourceId}`;
  return (
    <dialog
      ref={dialog}
      onClose={onClosed}
      aria-labelledby={titleId}
      data-testid="edit-tags-dialog"
      className="m-auto w-[calc(100%-2rem)] max-w-lg whitespace-normal rounded-lg bg-white p-5 text-left font-normal shadow-xl ring-1 ring-gray-200 backdrop:bg-gray-900/40"
    >
      <form action={action} className="space-y-4">
        <h2 id={titleId} className="text-base font-semibold text-gray-900">
          {t("resources.editTagsTitle", { name })}
        </h2>
        <p className="text-sm text-gray-600">{t("resources.editTagsHelp")}</p>
        <input type="hidden" name="accountId" value={accountId} />
        <input type="hidden" name="resourceId" value={resourceId} />
        <TagField id={`tags-${resourceId}`} value={text} onChange={setText} errors={failed?.fieldErrors?.tags} />
        {failed && !failed.fieldErrors?.tags && <Alert tone="error">{t(`errors.${failed.code}`)}</Alert>}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={pending}>
            {t("resources.saveTags")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            {t("resources.cancel")}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
