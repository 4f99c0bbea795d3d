import { describe, expect, it } from "vitest";
import { promotionApplies, promotionCovers, promotionValidAt } from "./promotions";

const from = new Date("2030-01-01T00:00:00Z");
const until = new Date("2030-02-01T00:00:00Z");
const promo = { active: true, validFrom: from, validUntil: until, productIds: ["ecs"] };

describe("promotion validity", () => {
  it("holds from valid_from included to valid_until excluded", () => {
    expect(promotionValidAt(promo, new Date(from.getTime() - 1))).toBe(false);
    expect(promotionValidAt(promo, from)).toBe(true);
    expect(promotionValidAt(promo, new Date(until.getTime() - 1))).toBe(true);
    expect(promotionValidAt(promo, until)).toBe(false);
  });

  it("never holds for an inactive promotion", () => {
    expect(promotionValidAt({ ...promo, active: false }, from)).toBe(false);
  });

  it("covers its listed products, or every product when none is listed", () => {
    expect(promotionCovers(promo, "ecs")).toBe(true);
    expect(promotionCovers(promo, "rds")).toBe(false);
    expect(promotionCovers({ ...promo, productIds: [] }, "rds")).toBe(true);
  });

  it("applies when both hold", () => {
    expect(promotionApplies(promo, "ecs", from)).toBe(true);
    expect(promotionApplies(promo, "rds", from)).toBe(false);
    expect(promotionApplies(promo, "ecs", until)).toBe(false);
  });
});
