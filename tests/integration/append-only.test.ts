import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { audit } from "@/lib/audit";
import { useTestDb } from "../fixtures/db";

const db = useTestDb();
// Drizzle wraps the driver error; the database's own message is its cause.
const appendOnly = { cause: { message: expect.stringMatching(/append-only/) } };

describe("audit log", () => {
  it("keeps what was written and refuses updates and deletes", async () => {
    const action = `test.append_only.${crypto.randomUUID()}`;
    await audit(db().db, { actorKind: "system", action, reason: "original", data: { amount: 5n } });
    const [row] = await db().db.select().from(auditLog).where(eq(auditLog.action, action));
    expect(row!.reason).toBe("original");
    expect(row!.data).toEqual({ amount: "5" });

    await expect(db().db.update(auditLog).set({ reason: "rewritten" }).where(eq(auditLog.action, action))).rejects.toMatchObject(appendOnly);
    await expect(db().db.delete(auditLog).where(eq(auditLog.action, action))).rejects.toMatchObject(appendOnly);
    await expect(db().db.execute(sql`truncate audit_log`)).rejects.toMatchObject(appendOnly);

    const [after] = await db().db.select().from(auditLog).where(eq(auditLog.action, action));
    expect(after!.reason).toBe("original");
  });
});
