import { describe, expect, it } from "vitest";
import { savedKey, shownValue } from "./saved-values";

describe("the key of a form's saved values", () => {
  it("is the same for the same values whatever the order of their keys, and changes with any value", () => {
    const saved = { day: 5, amount: "120", enabled: false };
    expect(savedKey({ enabled: false, amount: "120", day: 5 })).toBe(savedKey(saved));
    expect(savedKey({ ...saved, day: 1 })).not.toBe(savedKey(saved));
    expect(savedKey({ ...saved, amount: "12" })).not.toBe(savedKey(saved));
    expect(savedKey({ ...saved, enabled: true })).not.toBe(savedKey(saved));
    // Nested objects too; an empty text is not a missing one.
    expect(savedKey({ a: { y: 1, x: 2 } })).toBe(savedKey({ a: { x: 2, y: 1 } }));
    expect(savedKey({ taxId: "" })).not.toBe(savedKey({}));
  });

  it("keeps the order of a list (thresholds are shown as saved, sorted) and takes bigints", () => {
    expect(savedKey(["50", "5000"])).not.toBe(savedKey(["5000", "50"]));
    expect(savedKey({ amount: 120_000_000n })).toBe(savedKey({ amount: 120_000_000n }));
    expect(savedKey({ amount: 120_000_000n })).not.toBe(savedKey({ amount: 120_000_001n }));
    expect(savedKey(undefined)).toBe("");
  });
});

describe("what a field shows", () => {
  it("the user's edit while the saved value is still the one it was edited from", () => {
    const edited = { key: savedKey("100"), value: "120" };
    expect(shownValue(edited, "100")).toBe("120");
  });

  it("the saved value once the server's changed: after a save, or a change made elsewhere", () => {
    const edited = { key: savedKey("100"), value: "120.00" };
    expect(shownValue(edited, "120")).toBe("120"); // the saved form of what was typed
    expect(shownValue({ key: savedKey(["50"]), value: ["5000.00", "50"] }, ["50", "5000"])).toEqual(["50", "5000"]);
  });
});
