import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getContract } from "@/db/queries/contracts";
import { requireUserPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { type AccountContext, getAccountContext, getSessionUser } from "@/lib/auth/session";
import { jsonError } from "@/lib/auth/route";

/**
 * Contracts are for owners, admins and finance members (contracts.manage). Unlike other money
 * pages, a plain member gets "not found", as another account's member does: a contract's
 * existence is itself confidential.
 */
export async function requireContractsPage(accountId: string): Promise<AccountContext> {
  const user = await requireUserPage();
  const ctx = await getAccountContext(user, accountId);
  if (!ctx || !can(ctx.role, "contracts.manage")) notFound();
  return ctx;
}

export async function requireContractPage(accountId: string, contractId: string) {
  const ctx = await requireContractsPage(accountId);
  const data = await getContract(getDb(), { accountId, contractId });
  if (!data) notFound();
  return { ctx, data };
}

/** Route handlers: session → membership and role, both failures "not found". */
export async function contractsRouteContext(accountId: string): Promise<AccountContext | Response> {
  const user = await getSessionUser();
  if (!user) return jsonError("UNAUTHENTICATED", "Please sign in.");
  const ctx = await getAccountContext(user, accountId);
  if (!ctx || !can(ctx.role, "contracts.manage")) return jsonError("NOT_FOUND", "Not found.");
  return ctx;
}
