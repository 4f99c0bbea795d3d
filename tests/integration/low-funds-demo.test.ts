import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { listBillingContacts } from "@/db/queries/memberships";
import { DEMO_ACCOUNTS } from "@/lib/demo/logins";
import { seedDemo } from "@/lib/demo/seed";
import { emailOutbox, lowFundsEpisodes } from "@/db/schema";
import { getAlertSettings } from "@/lib/alerts/settings";
import { dollars } from "@/lib/money";
import { useTestDb } from "../fixtures/db";

const handle = useTestDb();
const db = () => handle().db;
const [acme, globex] = DEMO_ACCOUNTS;
// The demo as seeded on a fixed day, not today's.
const NOW = new Date("2026-03-17T09:00:00Z");

beforeAll(async () => {
  await seedDemo(db(), NOW);
});

describe("the demo's low-funds alerts", () => {
  it("Acme watches $500 and $200, Globex $50; an account below its threshold is in an episode and its billing contacts have the first email", async () => {
    expect(await getAlertSettings(db(), { accountId: acme.id })).toMatchObject({ enabled: true, thresholds: [dollars(200), dollars(500)] });
    expect(await getAlertSettings(db(), { accountId: globex.id })).toMatchObject({ enabled: true, thresholds: [dollars(50)] });
    for (const a of DEMO_ACCOUNTS) {
      const { available } = await getBalances(db(), { accountId: a.id });
      const { thresholds } = await getAlertSettings(db(), { accountId: a.id });
      const open = await db().select().from(lowFundsEpisodes).where(and(eq(lowFundsEpisodes.accountId, a.id), isNull(lowFundsEpisodes.closedAt)));
      expect(open.map((e) => e.threshold).sort()).toEqual(thresholds.filter((t) => available < t).sort());
      const mails = await db().select({ to: emailOutbox.to }).from(emailOutbox).where(and(eq(emailOutbox.accountId, a.id), eq(emailOutbox.template, "low-funds")));
      const contacts = await listBillingContacts(db(), { accountId: a.id });
      expect(mails.map((m) => m.to).sort()).toEqual(open.length ? contacts.map((c) => c.email).sort() : []);
    }
    // The demo's story: Globex's trial left it a few dollars, under its $50 alert.
    expect((await getBalances(db(), { accountId: globex.id })).available < dollars(50)).toBe(true);
  });

  it("seeding again changes nothing", async () => {
    const before = await db().select().from(lowFundsEpisodes);
    await seedDemo(db(), NOW);
    expect(await db().select().from(lowFundsEpisodes)).toEqual(before);
  });
});
