import { NextResponse } from "next/server";
import { getBalances } from "@/db/queries/balances";
import { apiRoute, money } from "@/lib/api/handler";

export const runtime = "nodejs";

export const GET = apiRoute(async (_req, { db, accountId }) => {
  const b = await getBalances(db, { accountId });
  return NextResponse.json({ available: money(b.available), balance: money(b.balance), creditLimit: money(b.creditLimit), frozen: money(b.frozen) });
});
