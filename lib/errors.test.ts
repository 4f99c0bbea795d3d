import { describe, expect, it } from "vitest";
import { AppError, databaseUnavailableCode, isDatabaseUnavailable } from "./errors";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });
/** What Drizzle throws: its own error with the driver's as the cause. */
const drizzle = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["ECONNREFUSED", drizzle(withCode("ECONNREFUSED"))],
    ["every address refused (AggregateError)", drizzle(Object.assign(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]), { code: undefined }))],
    ["57P01 admin_shutdown", drizzle(withCode("57P01"))],
    ["57P03 cannot_connect_now", drizzle(withCode("57P03"))],
    ["08006 connection_failure", withCode("08006")],
    ["08001 unable to connect", withCode("08001")],
    ["CONNECTION_ENDED", drizzle(withCode("CONNECTION_ENDED"))],
    ["CONNECTION_CLOSED", drizzle(withCode("CONNECTION_CLOSED"))],
    ["CONNECT_TIMEOUT", withCode("CONNECT_TIMEOUT")],
  ])("%s: yes", (_n, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
  });

  it.each([
    ["a unique violation", drizzle(withCode("23505"))],
    ["an invalid uuid", drizzle(withCode("22P02"))],
    ["a plain bug", new TypeError("x is undefined")],
    ["a domain error", new AppError("CONFLICT", "changed")],
    ["nothing", undefined],
  ])("%s: no", (_n, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
  });

  it("names the code it found, for a log line without the query", () => {
    expect(databaseUnavailableCode(drizzle(withCode("57P01")))).toBe("57P01");
  });
});
