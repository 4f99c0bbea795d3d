import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** A page whose feature is not built yet: its title, what it will hold, and an honest empty state. */
export function FeaturePage({ title, description, icon, emptyTitle, emptyBody, children }: { title: string; description: string; icon: string; emptyTitle: string; emptyBody: string; children?: ReactNode }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      {children}
      <EmptyState icon={icon} title={emptyTitle} body={emptyBody} />
    </>
  );
}
