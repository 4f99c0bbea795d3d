import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase } from "@/db/client";
import { migrateDatabase, migrationsFolder } from "@/db/migrate";
import { rowsOf } from "@/db/rows";
import { platformTimeZone } from "@/lib/billing/time";
import { envelopeSchema } from "@/lib/events/catalogue";
import { onPostgres } from "../fixtures/db";
import { dropPostgresDatabase, freshPostgresDatabase } from "../fixtures/fresh-database";

// A database of this file's own, migrated in steps: up to before 0021 (the old alert outbox
// holds events), then up to before the envelope rewrite, then the whole way as an app start does.
const MOVE = "0021_alert_webhook_endpoints";
const REWRITE = "0024_balance_low_envelope";

let handle: DbHandle;
let url: string | undefined;
const work = mkdtempSync(path.join(tmpdir(), "bc-migrations-"));

/** The migrations before `tag`, as a folder drizzle's migrator reads (SQL files and the journal). */
function migrationsBefore(tag: string): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at, tag).toBeGreaterThan(0);
  const dir = path.join(work, tag);
  mkdirSync(path.join(dir, "meta"), { recursive: true });
  const entries = journal.entries.slice(0, at);
  for (const e of entries) copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  return dir;
}

/** Applies what `folder` holds and the database has not had yet, in a session set up as migrateDatabase sets it. */
async function migrateTo(folder: string) {
  if (handle.kind === "pglite") {
    await (handle.raw as PGlite).query("select set_config('billing.platform_time_zone', $1, false)", [platformTimeZone()]);
    return migratePglite(drizzlePglite(handle.raw as PGlite), { migrationsFolder: folder });
  }
  const client = postgres(url!, { max: 1, onnotice: () => {} });
  try {
    await client`select set_config('billing.platform_time_zone', ${platformTimeZone()}, false)`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: folder });
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (onPostgres()) {
    url = await freshPostgresDatabase(`migration_balance_low_${process.pid}`);
    handle = openDatabase({ url, max: 2 });
  } else handle = openDatabase({ dir: "memory://" });
}, 120_000);
afterAll(async () => {
  await handle?.close();
  if (url) await dropPostgresDatabase(url);
  rmSync(work, { recursive: true, force: true });
});

const db = () => handle.db;
const AT = new Date("2031-05-02T08:15:30.250Z");

/** The body the alert webhook queued before the event catalogue (lib/alerts/reminders.ts before it emitted events). */
function oldBody(p: { id: string; accountId: string; available: string; threshold: string; reminder: number; at: Date }) {
  return JSON.stringify({ id: p.id, type: "balance.low", created: Math.floor(p.at.getTime() / 1000), account_id: p.accountId, available: p.available, threshold: p.threshold, currency: "USD", reminder: p.reminder });
}

describe("migration: balance.low events moved from the alert outbox get the event envelope", () => {
  it("each pending alert event keeps its id, seq and delivery, and its body validates against the catalogue with the old fields kept", async () => {
    await migrateTo(migrationsBefore(MOVE));
    const [acct] = await rowsOf(db(), sql`insert into accounts (name) values ('Old webhook') returning id`);
    const accountId = String(acct!.id);
    await db().execute(sql`insert into alert_settings (account_id, enabled, webhook_url, webhook_secret) values (${accountId}, true, 'https://old.example/hook', 'whsec_old')`);
    const ep = "0b5e8f3a9c2d4e1f8a7b6c5d4e3f2a1b";
    const queued = [
      { id: `evt_${ep}_1`, available: "12.340000", threshold: "20.000000", reminder: 1, at: AT, status: "pending" },
      { id: `evt_${ep}_2`, available: "-3.500000", threshold: "20.000000", reminder: 2, at: new Date(AT.getTime() + 86_400_000), status: "pending" },
      { id: `evt_${ep}_0`, available: "15.000000", threshold: "20.000000", reminder: 1, at: new Date(AT.getTime() - 86_400_000), status: "delivered" },
    ];
    for (const q of queued) {
      const body = oldBody({ ...q, accountId });
      await db().execute(sql`insert into webhook_outbox (event_id, account_id, type, url, body, status, attempts, next_attempt_at, created_at)
        values (${q.id}, ${accountId}, 'balance.low', 'https://old.example/hook', ${body}, ${q.status}::webhook_status, 3, ${q.at.toISOString()}::timestamptz, ${q.at.toISOString()}::timestamptz)`);
    }

    // 0021 moves the pending ones with the old body, as it was signed before.
    await migrateTo(migrationsBefore(REWRITE));
    const moved = await rowsOf(db(), sql`select seq::text seq, event_id, body from billing_events order by seq`);
    expect(moved.map((m) => m.event_id)).toEqual([queued[0]!.id, queued[1]!.id]);
    expect(JSON.parse(String(moved[0]!.body))).not.toHaveProperty("data");
    // An event written by the catalogue in the meantime is not touched.
    const written = JSON.stringify({ id: "evt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", type: "resource.stopped", apiVersion: 1, createdAt: AT.toISOString(), accountId, data: { n: 1 } });
    await db().execute(sql`insert into billing_events (event_id, account_id, type, version, body, occurred_at) values ('evt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ${accountId}, 'resource.stopped', 1, ${written}, ${AT.toISOString()}::timestamptz)`);
    const deliveriesBefore = await rowsOf(db(), sql`select event_seq::text seq, status, attempts from webhook_deliveries order by event_seq`);
    expect(deliveriesBefore).toEqual(moved.map((m) => ({ seq: m.seq, status: "pending", attempts: 3 })));

    // The rest, as the app applies it at start.
    await migrateDatabase(handle);
    const after = await rowsOf(db(), sql`select seq::text seq, event_id, type, body from billing_events order by seq`);
    expect(after.map((a) => [a.seq, a.event_id])).toEqual([...moved.map((m) => [m.seq, m.event_id]), [expect.any(String), "evt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]]);
    expect(after[2]!.body).toBe(written);

    for (const [i, q] of queued.slice(0, 2).entries()) {
      const body = JSON.parse(String(after[i]!.body));
      // What a receiver parsing by the catalogue reads: the envelope, balance.low's data at version 1.
      const parsed = envelopeSchema("balance.low").safeParse(body);
      expect(parsed.error?.issues ?? null).toBeNull();
      const micros = (d: string) => String(BigInt(d.replace(".", "")));
      expect(body).toEqual({
        id: q.id,
        type: "balance.low",
        apiVersion: 1,
        createdAt: q.at.toISOString(),
        accountId,
        data: {
          available: { amount: q.available, micros: micros(q.available), currency: "USD" },
          threshold: { amount: q.threshold, micros: micros(q.threshold), currency: "USD" },
          reminder: q.reminder,
          maxReminders: 7,
        },
        // The old top-level fields, as every balance.low carries them, so a receiver written for the alert webhook still reads them.
        ...JSON.parse(oldBody({ ...q, accountId })),
      });
    }
    // Their deliveries still wait, on the same events.
    expect(await rowsOf(db(), sql`select event_seq::text seq, status, attempts from webhook_deliveries order by event_seq`)).toEqual(deliveriesBefore);
    // The old outbox keeps what it delivered as history.
    expect((await rowsOf(db(), sql`select body from webhook_outbox where event_id = ${queued[2]!.id}`))[0]!.body).toBe(oldBody({ ...queued[2]!, accountId }));
  }, 120_000);
});
