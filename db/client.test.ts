import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseBusyError, openDatabase, pgliteLockHolder } from "./client";

describe("embedded database lock", () => {
  it("a command refuses a folder that a running server holds", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "bc-lock-")), "pglite");
    writeFileSync(`${dir}.lock`, String(process.ppid)); // a live process that is not us
    expect(pgliteLockHolder(dir)).toBe(process.ppid);
    expect(() => openDatabase({ dir, owner: "cli" })).toThrow(DatabaseBusyError);
    expect(() => openDatabase({ dir, owner: "cli" })).toThrow(/held by a running server/);
  });

  it("a lock left by a process that is gone does not block", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "bc-lock-")), "pglite");
    writeFileSync(`${dir}.lock`, "4194303"); // above the kernel's pid limit: never alive
    expect(pgliteLockHolder(dir)).toBeNull();
  });
});
