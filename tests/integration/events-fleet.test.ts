import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/rows";
import { newWebhookSecret } from "@/lib/alerts/signature";
import { moneyJson } from "@/lib/events/catalogue";
import { EMIT_CHUNK, emitEvents } from "@/lib/events/emit";
import { resumeIfFunded } from "@/lib/billing/overdue";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { bulkFleet, stopFleet } from "./bulk-fleet";

const handle = useTestDb();
const db = () => handle().db;
const H = 3_600_000;
const ACCOUNTS = 2_500;
const fleet: string[] = [];
const endpoints: string[] = [];

/** Platform endpoints (every account's events of their types); disabled when done so no other file's events queue to them. */
async function platformEndpoints(types: string[][]) {
  for (const t of types) {
    const [r] = await rowsOf(db(), sql`insert into webhook_endpoints (url, event_types, secret) values ('https://platform.example/hook', ${sql.param(t)}::text[], ${newWebhookSecret()}) returning id`);
    endpoints.push(String(r!.id));
  }
}

const counts = async (ids: string[], where = sql``) => {
  const a = sql`${sql.param(ids)}::uuid[]`;
  const [c] = await rowsOf(
    db(),
    sql`select (select count(*) from billing_events where account_id = any(${a}) ${where})::int as events,
      (select count(distinct account_id) from billing_events where account_id = any(${a}) ${where})::int as accounts,
      (select count(*) from webhook_deliveries d join billing_events e on e.seq = d.event_seq where d.account_id = any(${a}) and d.endpoint_id = any(${sql.param(endpoints)}::uuid[]) ${where})::int as deliveries`,
  );
  return { events: Number(c!.events), accounts: Number(c!.accounts), deliveries: Number(c!.deliveries) };
};

describe.skipIf(!process.env.DATABASE_URL)("events over a fleet on PostgreSQL", { timeout: 600_000 }, () => {
  afterAll(async () => {
    if (endpoints.length) await db().execute(sql`update webhook_endpoints set disabled_at = now() where id = any(${sql.param(endpoints)}::uuid[])`);
    await stopFleet(db(), fleet);
  });

  it(`the overdue lifecycle resuming ${ACCOUNTS} topped-up accounts writes each one's events once, fanned out to every subscribed platform endpoint`, async () => {
    await ensureCatalogue(db());
    const t0 = new Date("2061-03-01T00:00:00Z");
    const { accountIds } = await bulkFleet(db(), { label: "events", accounts: ACCOUNTS, perAccount: 2, start: new Date(t0.getTime() - 5 * H) });
    fleet.push(...accountIds);
    const ids = sql`${sql.param(accountIds)}::uuid[]`;
    // Overdue and stopped, and funded again (the fleet's credit limit covers it): the job resumes each.
    await db().execute(sql`update account_billing_state set overdue_since = ${new Date(t0.getTime() - 4 * H).toISOString()}::timestamptz, overdue_steps = '{notified,stopped}' where account_id = any(${ids})`);
    await db().execute(sql`update resources set status = 'stopped', stopped_at = ${new Date(t0.getTime() - H).toISOString()}::timestamptz where account_id = any(${ids})`);
    await platformEndpoints([["resource.resumed", "account.recovered"], ["account.recovered"], ["invoice.issued"]]);

    const t = performance.now();
    // The overdue job's loop (lib/jobs/overdue.ts) over the fleet; the job's own period key, scoped by the ids, would not fit an index row.
    const resume = async () => {
      let n = 0;
      for (const a of accountIds) if (await resumeIfFunded(db(), a, t0)) n++;
      return n;
    };
    const resumed = await resume();
    const seconds = (performance.now() - t) / 1000;
    console.log(`events-fleet: ${ACCOUNTS} accounts resumed in ${seconds.toFixed(1)} s`);
    expect(resumed).toBe(ACCOUNTS);
    // Per account: 2 resource.resumed + 1 account.recovered; resumed to 1 endpoint, recovered to 2.
    expect(await counts(accountIds, sql`and type = 'resource.resumed'`)).toEqual({ events: 2 * ACCOUNTS, accounts: ACCOUNTS, deliveries: 2 * ACCOUNTS });
    expect(await counts(accountIds, sql`and type = 'account.recovered'`)).toEqual({ events: ACCOUNTS, accounts: ACCOUNTS, deliveries: 2 * ACCOUNTS });
    // A rerun of the slot (or a second instance) writes nothing again.
    expect(await resume()).toBe(0);
    expect((await counts(accountIds)).events).toBe(3 * ACCOUNTS);
  });

  it("the bulk form writes thousands of events in statements of a fixed size, once however often it is retried", async () => {
    const accountIds = fleet.slice(0, ACCOUNTS);
    const at = new Date("2061-04-01T00:00:00Z");
    const data = { available: moneyJson(1_000_000n), threshold: moneyJson(5_000_000n), reminder: 1, maxReminders: 7 };
    const events = accountIds.map((accountId) => ({ accountId, type: "balance.low" as const, key: `fleet:${at.toISOString()}`, occurredAt: at, data }));
    expect(events.length).toBeGreaterThan(EMIT_CHUNK);
    await platformEndpoints([["balance.low"]]);
    expect(await emitEvents(db(), events)).toBe(ACCOUNTS);
    expect(await emitEvents(db(), events)).toBe(0);
    expect(await counts(accountIds, sql`and type = 'balance.low'`)).toEqual({ events: ACCOUNTS, accounts: ACCOUNTS, deliveries: ACCOUNTS });
  });
});
