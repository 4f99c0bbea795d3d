import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const APP = "https://billing.example";

describe("safeCallbackPath", () => {
  // Each of these, handed to a browser as a Location, leaves the site (or runs script).
  it.each([
    ["tab after the first slash", "/\t/evil.example/phish"],
    ["newline after the first slash", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["a C1 control character", "/\u0085/evil.example"],
    ["DEL", "/\u007f/evil.example"],
    ["percent-encoded tab", "/%09/evil.example/phish"],
    ["protocol-relative", "//evil.example"],
    ["backslash", "/\\evil.example"],
    ["encoded slash", "/%2F/evil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["dot segment to //", "/.//evil.example"],
    ["another origin", "https://evil.example/phish"],
    ["scheme-relative http", "http:evil.example"],
    ["our host over another scheme", "http://billing.example/a"],
    ["javascript", "javascript:alert(1)"],
    ["userinfo after //", "//user@evil.example"],
    ["userinfo on an absolute URL", "https://billing.example@evil.example/"],
    ["leading space", " /x"],
    ["trailing newline", "/x\n"],
    ["relative without a slash", "evil.example"],
    ["broken percent-encoding", "/%E0%A4%A"],
  ])("refuses %s", (_name, raw) => {
    expect(safeCallbackPath(raw, APP)).toBe("/");
  });

  it("keeps a path on this site with its query and fragment", () => {
    expect(safeCallbackPath("/a/acc/billing?x=1#y", APP)).toBe("/a/acc/billing?x=1#y");
  });

  it("keeps this app's own absolute URL, as its path", () => {
    expect(safeCallbackPath("https://billing.example/a/acc/billing?x=1", APP)).toBe("/a/acc/billing?x=1");
  });

  it("keeps an @ inside the path as a path on this site", () => {
    expect(safeCallbackPath("/@evil.example", APP)).toBe("/@evil.example");
  });

  it("uses the given fallback for empty or refused values", () => {
    expect(safeCallbackPath(undefined, APP, "/staff")).toBe("/staff");
    expect(safeCallbackPath("", APP, "/staff")).toBe("/staff");
    expect(safeCallbackPath("//evil.example", APP, "/staff")).toBe("/staff");
  });
});
