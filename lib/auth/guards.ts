import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { type AccountPermission, can, type StaffPermission, staffCan, type StaffRole } from "./permissions";
import { type AccountContext, getAccountContext, getSessionUser, type SessionUser } from "./session";

/**
 * Guards for pages. Each page calls one itself; the proxy only redirects and is
 * never the only check.
 */
export async function requireUserPage(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Not a member → 404 (the account does not exist for them); member without the permission → 403. */
export async function requireAccountPage(accountId: string, permission: AccountPermission = "account.read"): Promise<AccountContext> {
  const user = await requireUserPage();
  const ctx = await getAccountContext(user, accountId);
  if (!ctx) notFound();
  if (!can(ctx.role, permission)) forbidden();
  return ctx;
}

export async function requireStaffPage(permission: StaffPermission = "staff.read"): Promise<SessionUser & { staffRole: StaffRole }> {
  const user = await requireUserPage();
  if (!staffCan(user.staffRole, permission)) forbidden();
  return user as SessionUser & { staffRole: StaffRole };
}
