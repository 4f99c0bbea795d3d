import { NextResponse } from "next/server";
import { eventsPage } from "@/lib/api/events-feed";
import { keyRoute } from "@/lib/api/handler";

export const runtime = "nodejs";

/** The event outbox: a platform key reads every account's events, an account key only its own. */
export const GET = keyRoute(async (req, { db, accountId }) => NextResponse.json(await eventsPage(db, { accountId, query: new URL(req.url).searchParams })));
