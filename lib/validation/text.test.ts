import { describe, expect, it } from "vitest";
import { plainText } from "./text";

const Name = plainText().trim().min(1).max(80);

describe("plainText", () => {
  it.each([
    ["U+202E right-to-left override", "Acme\u202Egnp.exe"],
    ["U+202A left-to-right embedding", "\u202AAcme"],
    ["U+202B right-to-left embedding", "Ac\u202Bme"],
    ["U+202C pop directional formatting", "Acme\u202C"],
    ["U+202D left-to-right override", "Ac\u202Dme"],
    ["U+2066 left-to-right isolate", "\u2066Acme\u2069"],
    ["U+2067 right-to-left isolate", "Acme\u2067x"],
    ["U+2068 first strong isolate", "Acme\u2068x"],
    ["U+200E left-to-right mark", "Acme\u200E"],
    ["U+200F right-to-left mark", "Acme\u200F"],
    ["U+061C Arabic letter mark", "Acme\u061C"],
  ])("refuses %s, with the translated message's key", (_n, value) => {
    const r = Name.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("validation.plainText");
  });

  it("keeps ordinary names in any script, trimmed as the field says", () => {
    expect(Name.parse("  Acme Corp  ")).toBe("Acme Corp");
    expect(Name.parse("阿里云计算有限公司")).toBe("阿里云计算有限公司");
    expect(Name.parse("شركة أكمي")).toBe("شركة أكمي");
    expect(Name.parse("Zoë O'Brien-Łukasz")).toBe("Zoë O'Brien-Łukasz");
  });

  it("uses a form's own key when given one", () => {
    expect(plainText("plainText").safeParse("a\u202Eb").error?.issues[0]?.message).toBe("plainText");
  });
});
