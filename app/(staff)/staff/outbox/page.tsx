import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { EmailPreview } from "@/components/outbox/email-preview";
import { EmailTable } from "@/components/outbox/email-table";
import { ResendButton } from "@/components/outbox/resend-button";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getOutboxEmail, listOutbox } from "@/db/queries/outbox";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.outbox"))("title") };
}

// A live sign-in link lets whoever holds it into the recipient's session: staff see that it was sent, not the link.
const STAFF_HIDDEN_TEMPLATES = new Set(["magic-link"]);

export default async function StaffOutboxPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  const user = await requireStaffPage("staff.read");
  const { id } = await searchParams;
  const db = getDb();
  const [t, emails, selected] = await Promise.all([getTranslations("staff.outbox"), listOutbox(db, { limit: 200 }), id ? getOutboxEmail(db, { id }) : null]);
  const canResend = staffCan(user.staffRole, "staff.outbox.resend");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {selected && (
        <div className="mb-6">
          <EmailPreview
            email={selected}
            closeHref="/staff/outbox"
            hiddenNotice={STAFF_HIDDEN_TEMPLATES.has(selected.template) ? t("linkHidden") : undefined}
            actions={canResend ? <ResendButton id={selected.id} subject={selected.subject} /> : undefined}
          />
        </div>
      )}
      {emails.length === 0 ? (
        <EmptyState icon="outbox" title={t("empty")} />
      ) : (
        <EmailTable
          emails={emails}
          selectedId={selected?.id}
          hrefFor={(eid) => `/staff/outbox?id=${eid}`}
        />
      )}
    </>
  );
}
