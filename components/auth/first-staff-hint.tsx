import "server-only";
import { getTranslations } from "next-intl/server";

export const FIRST_STAFF_COMMAND = "npm run staff:create -- --email you@example.com --role finance";

/**
 * On a production deployment with no users yet (the sign-in page checks, per request: the
 * first user is made by a command outside the app), tells the operator how to create the
 * first one; nobody could sign in otherwise.
 */
export async function FirstStaffHint() {
  const t = await getTranslations("auth");
  return (
    <div role="note" data-testid="first-staff-hint" className="mb-6 rounded-md bg-blue-50 p-3 text-sm text-blue-950 ring-1 ring-blue-200">
      <p className="font-semibold">{t("firstStaffTitle")}</p>
      <p className="mt-1">{t("firstStaffBody")}</p>
      <code className="mt-2 block break-words rounded bg-white px-2 py-1.5 font-mono text-xs text-gray-900 ring-1 ring-blue-100">{FIRST_STAFF_COMMAND}</code>
      <p className="mt-2">{t("firstStaffAfter")}</p>
    </div>
  );
}
