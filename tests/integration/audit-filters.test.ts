import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries/staff-console";
import { accounts } from "@/db/schema";
import { audit } from "@/lib/audit";
import { auditCsvLines } from "@/lib/staff/audit-csv";
import { parseAuditQuery } from "@/lib/staff/audit-query";
import { createAccount } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";

const h = useTestDb({ max: 2 });

describe("audit log filters", () => {
  it("finds an account's records by its ID or by part of its name, in any case; a name matching nothing finds nothing", async () => {
    const db = h().db;
    const tag = crypto.randomUUID().slice(0, 8);
    const { account: a } = await createAccount(db, []);
    const { account: b } = await createAccount(db, []);
    await db.update(accounts).set({ name: `Umbrella 100% ${tag}` }).where(eq(accounts.id, a.id));
    await db.update(accounts).set({ name: `Umbrella 1000 ${tag}` }).where(eq(accounts.id, b.id));
    for (const id of [a.id, b.id, a.id]) await audit(db, { actorKind: "system", accountId: id, action: "test.filter", reason: tag });

    const find = async (account: string) => {
      const { filters } = parseAuditQuery({ account, action: "test.filter" });
      return (await listAudit(db, { ...filters, limit: 50 })).filter((r) => r.reason === tag).map((r) => r.accountId);
    };
    expect(await find(a.id)).toEqual([a.id, a.id]);
    expect(await find(`umbrella 100% ${tag.toUpperCase()}`)).toEqual([a.id, a.id]); // "%" is a character here, not a wildcard
    expect((await find(`UMBRELLA 100`)).sort()).toEqual([a.id, a.id, b.id].sort());
    expect(await find(`Umbrella 100_ ${tag}`)).toEqual([]);
    expect(await find(`nobody-${tag}`)).toEqual([]);

    // The export takes the same filter.
    const { filters } = parseAuditQuery({ account: `umbrella 1000 ${tag}`, action: "test.filter" });
    const lines: string[] = [];
    for await (const l of auditCsvLines(db, filters)) lines.push(l);
    expect(lines.filter((l) => l.includes(tag))).toHaveLength(1);
    expect(lines.join("")).toContain(b.id);
    expect(lines.join("")).not.toContain(a.id);
  });
});
