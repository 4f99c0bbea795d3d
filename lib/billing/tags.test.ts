import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_TAGS, normalizeTags, parseTagLines, tagLines, TagLinesSchema, TagsSchema } from "./tags";

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
const ok = (tags: unknown) => TagsSchema.safeParse(tags).success;
const error = (tags: unknown) => {
  const r = TagsSchema.safeParse(tags);
  return r.success ? null : r.error.issues[0]!.message;
};

describe("the tag rules", () => {
  it("take up to 20 tags on one resource", () => {
    expect(MAX_TAGS).toBe(20);
    expect(ok(many(20))).toBe(true);
    expect(error(many(21))).toBe("At most 20 tags on one resource.");
    expect(ok({})).toBe(true);
  });

  it("take a key of 1 to 64 characters and a value of up to 128, empty allowed", () => {
    expect(ok({ ["k".repeat(64)]: "v".repeat(128) })).toBe(true);
    expect(ok({ team: "" })).toBe(true);
    expect(error({ ["k".repeat(65)]: "v" })).toBe("A tag key is 1 to 64 characters.");
    expect(error({ "": "v" })).toBe("A tag key is 1 to 64 characters.");
    expect(error({ team: "v".repeat(129) })).toBe("A tag value is at most 128 characters.");
    // Characters, not bytes: 64 CJK characters are a valid key.
    expect(ok({ ["团".repeat(64)]: "机器学习".repeat(32) })).toBe(true);
  });

  it("refuse control characters in keys and values, and spaces around a key", () => {
    for (const c of ["\u0000", "\u0007", "\t", "\n", "\r", "\u007f", "\u0085", "\u2028", "\u2029"]) {
      expect(error({ [`te${c}am`]: "ml" })).toBe("A tag key has no control characters.");
      expect(error({ team: `m${c}l` })).toBe("A tag value has no control characters.");
    }
    expect(error({ " team": "ml" })).toBe("A tag key has no spaces at its start or end.");
    expect(ok({ "cost center": "R&D / 研发" })).toBe(true);
  });

  it("keep keys case-sensitive and spell a set in key order", () => {
    expect(normalizeTags({ team: "ml", Team: "web", env: "prod" })).toEqual({ Team: "web", env: "prod", team: "ml" });
    expect(Object.keys(normalizeTags({ z: "1", a: "2" }))).toEqual(["a", "z"]);
    expect(normalizeTags(null)).toEqual({});
  });
});

describe("parseTagLines", () => {
  it("reads one key:value a line, trimming both, splitting at the first colon, skipping blank lines", () => {
    expect(parseTagLines("  team : ml \n\n env:prod\r\nurl:https://example.test:8080\nflag\n")).toEqual({
      ok: true,
      tags: { env: "prod", flag: "", team: "ml", url: "https://example.test:8080" },
    });
    expect(parseTagLines("   \n")).toEqual({ ok: true, tags: {} });
  });

  it("refuses a key typed twice, naming it, even with other spacing", () => {
    expect(parseTagLines("team:ml\nenv:prod\n team :web")).toEqual({ ok: false, error: 'The tag key "team" appears twice.', problem: "duplicate", key: "team" });
    // Case differs: two tags.
    expect(parseTagLines("team:ml\nTeam:web")).toMatchObject({ ok: true });
  });

  it("applies the tag rules to what was typed, naming the rule and the tag it concerns", () => {
    expect(parseTagLines(Array.from({ length: 21 }, (_, i) => `k${i}:v`).join("\n"))).toEqual({ ok: false, error: "At most 20 tags on one resource.", problem: "tooMany" });
    expect(parseTagLines(`${"k".repeat(65)}:v`)).toEqual({ ok: false, error: "A tag key is 1 to 64 characters.", problem: "keyLength", key: "k".repeat(65) });
    expect(parseTagLines(":ml")).toEqual({ ok: false, error: "A tag key is 1 to 64 characters.", problem: "keyEmpty", key: "" });
    expect(parseTagLines(`team:${"v".repeat(129)}`)).toEqual({ ok: false, error: "A tag value is at most 128 characters.", problem: "valueLength", key: "team" });
    expect(parseTagLines("te\u0007am:ml")).toEqual({ ok: false, error: "A tag key has no control characters.", problem: "keyControl", key: "te\u0007am" });
    expect(parseTagLines("team:m\u0000l")).toEqual({ ok: false, error: "A tag value has no control characters.", problem: "valueControl", key: "team" });
  });
});

describe("the form's tag field", () => {
  const form = z.object({ tags: TagLinesSchema });
  const fieldErrors = (tags: string) => {
    const r = form.safeParse({ tags });
    return r.success ? null : z.flattenError(r.error).fieldErrors.tags;
  };

  it("parses the text area to tags and shows a set back as the same lines", () => {
    expect(form.parse({ tags: "team: ml\nenv:prod" })).toEqual({ tags: { env: "prod", team: "ml" } });
    expect(tagLines({ team: "ml", env: "prod" })).toBe("env:prod\nteam:ml");
    expect(form.parse({ tags: tagLines({ team: "ml", url: "a:b" }) }).tags).toEqual({ team: "ml", url: "a:b" });
  });

  it("answers the translation key of the broken rule, then the tag's key when it concerns one", () => {
    expect(fieldErrors("team:ml\nteam:web")).toEqual(["resources.tagErrors.duplicate", "team"]);
    expect(fieldErrors(Array.from({ length: 21 }, (_, i) => `k${i}:v`).join("\n"))).toEqual(["resources.tagErrors.tooMany"]);
    expect(fieldErrors("x".repeat(10_001))).toEqual(["resources.tagErrors.tooLong"]);
  });
});
