import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, contractDocuments, contractEvents, contracts, products } from "@/db/schema";

export type ContractStatusValue = (typeof contracts.$inferSelect)["status"];

/** An account's contracts (or every account's, for staff, when accountId is null), newest first. */
export async function listContracts(db: DbOrTx, { accountId, status, limit = 100 }: { accountId: string | null; status?: ContractStatusValue; limit?: number }) {
  const where: SQL[] = [];
  if (accountId) where.push(eq(contracts.accountId, accountId));
  if (status) where.push(eq(contracts.status, status));
  return db
    .select({
      id: contracts.id, number: contracts.number, kind: contracts.kind, status: contracts.status, terms: contracts.terms, accountId: contracts.accountId,
      accountName: accounts.name, createdAt: contracts.createdAt, updatedAt: contracts.updatedAt,
    })
    .from(contracts)
    .innerJoin(accounts, eq(accounts.id, contracts.accountId))
    .where(and(...where))
    .orderBy(desc(contracts.createdAt), desc(contracts.seq))
    .limit(limit);
}

/** One contract with its timeline and the signed document's hash; another account's contract is null. */
export async function getContract(db: DbOrTx, { accountId, contractId }: { accountId: string | null; contractId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(contractId)) return null;
  const [row] = await db
    .select({ contract: contracts, accountName: accounts.name, sha256: contractDocuments.sha256 })
    .from(contracts)
    .innerJoin(accounts, eq(accounts.id, contracts.accountId))
    .leftJoin(contractDocuments, eq(contractDocuments.contractId, contracts.id))
    .where(accountId ? and(eq(contracts.id, contractId), eq(contracts.accountId, accountId)) : eq(contracts.id, contractId));
  if (!row) return null;
  const events = await db.select().from(contractEvents).where(eq(contractEvents.contractId, contractId)).orderBy(asc(contractEvents.at), asc(contractEvents.id));
  return { ...row, events };
}

/** The catalogue's products for an order form, in the catalogue's order. */
export async function listOrderableProducts(db: DbOrTx, locale: "en" | "zh-CN") {
  const rows = await db.select({ id: products.id, nameEn: products.nameEn, nameZh: products.nameZh, sortOrder: products.sortOrder }).from(products).orderBy(asc(products.sortOrder), asc(products.id));
  return rows.map((r) => ({ id: r.id, name: locale === "zh-CN" ? r.nameZh : r.nameEn }));
}

/** Contracts per status, for the filter's counts. */
export async function countContractsByStatus(db: DbOrTx, { accountId }: { accountId: string | null }) {
  const rows = await db
    .select({ status: contracts.status, n: sql<number>`count(*)::int` })
    .from(contracts)
    .where(accountId ? eq(contracts.accountId, accountId) : sql`true`)
    .groupBy(contracts.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}
