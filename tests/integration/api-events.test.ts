import { describe, expect, it } from "vitest";
import { GET as getAccountEvents } from "@/app/api/v1/accounts/[accountId]/events/route";
import { GET as getEvents } from "@/app/api/v1/events/route";
import { billingEvents } from "@/db/schema";
import { encodeCursor } from "@/lib/api/cursor";
import { createApiKey, createPlatformKey } from "@/lib/api/keys";
import { createAccount, createUser } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";
import { checked } from "./api-contract";

const h = useTestDb();
const db = () => h().db;
const T0 = new Date("2031-03-01T00:00:00Z");

type Feed = { data: { id: string; type: string; accountId: string; data: { n: number } }[]; nextCursor: string | null };

function call(path: string, key: string, accountId?: string) {
  const req = new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
  return accountId ? getAccountEvents(req, { params: Promise.resolve({ accountId }) }) : getEvents(req, { params: Promise.resolve({}) });
}

/** Reads the feed page by page from `start` until the next cursor is null or `stop` says enough. */
async function readAll(path: (cursor: string | null) => string, key: string, opts: { accountId?: string; start?: string | null; stop?: (seen: Feed["data"]) => boolean } = {}) {
  const seen: Feed["data"] = [];
  let cursor = opts.start ?? null;
  let pages = 0;
  for (;;) {
    const res = await call(path(cursor), key, opts.accountId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Feed;
    seen.push(...body.data);
    pages++;
    if (!body.nextCursor || opts.stop?.(seen)) return { seen, pages };
    cursor = body.nextCursor;
  }
}

/** Two accounts' events, interleaved, written straight into the outbox: 7 of A's and 3 of B's. */
async function setup() {
  const a = await createAccount(db(), ["owner"]);
  const b = await createAccount(db(), ["owner"]);
  const plan: [string, string][] = [];
  for (let n = 0; n < 10; n++) plan.push([n % 3 === 1 ? b.account.id : a.account.id, n % 2 === 0 ? "resource.stopped" : "resource.resumed"]);
  const rows = plan.map(([accountId, type], n) => {
    const id = `evt_feed_${crypto.randomUUID().replaceAll("-", "")}`;
    const occurredAt = new Date(T0.getTime() + n * 1000);
    return { eventId: id, accountId, type, occurredAt, body: JSON.stringify({ id, type, apiVersion: 1, createdAt: occurredAt.toISOString(), accountId, data: { n } }) };
  });
  const written = await db().insert(billingEvents).values(rows).returning({ seq: billingEvents.seq, eventId: billingEvents.eventId, accountId: billingEvents.accountId });
  const accountKey = (await createApiKey(db(), { accountId: a.account.id, name: "a", userId: a.members.owner.id })).key;
  const staff = await createUser(db(), { staffRole: "finance" });
  const platformKey = (await createPlatformKey(db(), { name: "control plane", userId: staff.id })).key;
  const idsOf = (accountId: string) => written.filter((w) => w.accountId === accountId).map((w) => w.eventId);
  return { a: a.account.id, b: b.account.id, written, accountKey, platformKey, idsOf };
}

describe("GET /api/v1/events", () => {
  it("an account key pages through exactly its own events, each once, in order, as the stored JSON; another account's are never visible", async () => {
    const { a, b, accountKey, idsOf } = await setup();
    const { seen, pages } = await readAll((c) => `/events?limit=3${c ? `&cursor=${c}` : ""}`, accountKey);
    expect(pages).toBe(3);
    expect(seen.map((e) => e.id)).toEqual(idsOf(a));
    expect(seen.every((e) => e.accountId === a && typeof e.data.n === "number")).toBe(true);
    // The same under the account's own path; the other account's path is "not found".
    const own = await readAll((c) => `/accounts/${a}/events?limit=2${c ? `&cursor=${c}` : ""}`, accountKey, { accountId: a });
    expect(own.seen.map((e) => e.id)).toEqual(idsOf(a));
    const other = await call(`/accounts/${b}/events`, accountKey, b);
    expect(other.status).toBe(404);
    expect(JSON.stringify(await other.json())).not.toContain("evt_feed_");
  });

  it("a platform key reads every account's events once across pages, filters by type, and one account's under its path", async () => {
    const { a, b, written, platformKey, idsOf } = await setup();
    const first = written[0]!.seq;
    const ours = new Set(written.map((w) => w.eventId));
    // From just before this test's first event (the database may hold other tests' events before it).
    const start = encodeCursor({ seq: String(first - 1n) });
    const { seen } = await readAll((c) => `/events?limit=4&cursor=${c}`, platformKey, { start, stop: (s) => s.some((e) => e.id === written.at(-1)!.eventId) });
    expect(seen.filter((e) => ours.has(e.id)).map((e) => e.id)).toEqual(written.map((w) => w.eventId));

    const stopped = await readAll((c) => `/events?type=resource.stopped&limit=100&cursor=${c}`, platformKey, { start, stop: (s) => s.some((e) => e.id === written[8]!.eventId) });
    const stoppedOurs = stopped.seen.filter((e) => ours.has(e.id));
    expect(stoppedOurs.map((e) => e.data.n)).toEqual([0, 2, 4, 6, 8]);
    expect(stopped.seen.every((e) => e.type === "resource.stopped")).toBe(true);

    const ofB = await readAll((c) => `/accounts/${b}/events${c ? `?cursor=${c}` : ""}`, platformKey, { accountId: b });
    expect(ofB.seen.map((e) => e.id)).toEqual(idsOf(b));
    expect(idsOf(a)).toHaveLength(7);
  });

  it("a bad type, limit or cursor is a 400 that names it; no key is a 401", async () => {
    const { accountKey } = await setup();
    for (const [query, field] of [
      ["type=resource.exploded", "type"],
      ["limit=101", "limit"],
      ["limit=0", "limit"],
      ["cursor=not-a-cursor!", "cursor"],
      [`cursor=${encodeCursor({ t: "2031-01-01T00:00:00Z", id: "1" })}`, "cursor"],
    ] as const) {
      // The feed's pages here hold hand-written bodies, not catalogue events; its errors are checked against the document.
      const res = await checked(await call(`/events?${query}`, accountKey), "GET", "/api/v1/events");
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.fieldErrors, query).toHaveProperty(field);
    }
    const anonymous = await checked(await getEvents(new Request("http://localhost/api/v1/events"), { params: Promise.resolve({}) }), "GET", "/api/v1/events");
    expect(anonymous.status).toBe(401);
  });
});
