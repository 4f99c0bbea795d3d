import { NextResponse } from "next/server";
import { eventsPage } from "@/lib/api/events-feed";
import { apiRoute } from "@/lib/api/handler";

export const runtime = "nodejs";

/** One account's events, the account a platform key names (an account key only its own; another is 404). */
export const GET = apiRoute(async (req, { db, accountId }) => NextResponse.json(await eventsPage(db, { accountId, query: new URL(req.url).searchParams })));
