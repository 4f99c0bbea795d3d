import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/card";
import { NavIcon } from "@/components/shell/icons";

/** A page whose feature is not built yet: its title, what it will hold, and an honest empty state. */
export function FeaturePage({ title, description, icon, emptyTitle, emptyBody, children }: { title: string; description: string; icon: string; emptyTitle: string; emptyBody: string; children?: ReactNode }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      {children}
      <EmptyPanel icon={icon} title={emptyTitle} body={emptyBody} />
    </>
  );
}

export function EmptyPanel({ icon, title, body, compact = false }: { icon: string; title: string; body?: string; compact?: boolean }) {
  return (
    <div className={`flex flex-col items-center rounded-lg border border-dashed border-gray-300 bg-white text-center ${compact ? "px-4 py-6" : "px-6 py-14"}`}>
      <span className={`flex items-center justify-center rounded-full bg-gray-100 text-gray-600 ${compact ? "size-9" : "size-12"}`}>
        <NavIcon name={icon} className={compact ? "size-5" : "size-6"} />
      </span>
      <p className={`mt-3 font-medium text-gray-900 ${compact ? "text-sm" : ""}`}>{title}</p>
      {body && <p className="mt-1 max-w-md text-sm text-gray-600">{body}</p>}
    </div>
  );
}
