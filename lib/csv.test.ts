import { describe, expect, it } from "vitest";
import { csvField } from "./csv";

describe("csvField", () => {
  it("quotes separators and quotes, and defuses formulas in text but not in numbers", () => {
    expect(csvField('Bare metal, "c6"')).toBe('"Bare metal, ""c6"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-37.214861", false)).toBe("-37.214861");
  });
});
