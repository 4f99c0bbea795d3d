import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor, page, pageQuery, SeqPosition, TimeIdPosition } from "./cursor";

const q = (s: string) => new URLSearchParams(s);

function validationError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("cursor pagination", () => {
  it("round-trips a position through an opaque base64url cursor", () => {
    const pos = { t: "2026-03-01T10:00:00.000Z", id: "9007199254740993" };
    const cursor = encodeCursor(pos);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, TimeIdPosition)).toEqual(pos);
    expect(pageQuery(q(`cursor=${cursor}&limit=10`), TimeIdPosition)).toEqual({ limit: 10, after: pos });
  });

  it("defaults to 50 rows and no position", () => {
    expect(pageQuery(q(""), SeqPosition)).toEqual({ limit: 50, after: null });
  });

  it.each(["0", "101", "-1", "1.5", "abc", "", "1e2"])("refuses limit=%s as a 400", (limit) => {
    const e = validationError(() => pageQuery(q(`limit=${limit}`), SeqPosition));
    expect(e.code).toBe("VALIDATION");
    expect(e.fieldErrors?.limit).toBeDefined();
  });

  it.each([
    ["not base64url", "a+b/c="],
    ["not JSON", Buffer.from("{oops").toString("base64url")],
    ["another list's position", encodeCursor({ seq: "5" })],
    ["an extra field", encodeCursor({ t: "2026-03-01T10:00:00.000Z", id: "1", x: 1 })],
    ["a non-numeric id", encodeCursor({ t: "2026-03-01T10:00:00.000Z", id: "1 or 1=1" })],
  ])("refuses a cursor that is %s", (_what, cursor) => {
    const e = validationError(() => pageQuery(q(`cursor=${encodeURIComponent(cursor)}`), TimeIdPosition));
    expect(e.code).toBe("VALIDATION");
    expect(e.fieldErrors?.cursor).toBeDefined();
  });

  it("gives a next cursor only when a row beyond the page was read", () => {
    const rows = [{ seq: 1n }, { seq: 2n }, { seq: 3n }];
    const pos = (r: { seq: bigint }) => ({ seq: r.seq.toString() });
    const more = page(rows, 2, pos);
    expect(more.items).toEqual(rows.slice(0, 2));
    expect(decodeCursor(more.nextCursor!, SeqPosition)).toEqual({ seq: "2" });
    expect(page(rows, 3, pos)).toEqual({ items: rows, nextCursor: null });
    expect(page([], 3, pos)).toEqual({ items: [], nextCursor: null });
  });
});
