import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_TYPES_FILE, schemaTypes } from "./openapi-types";

describe("the typed client's types", () => {
  it("are what `npm run api:types` writes from the current OpenAPI document (regenerate after changing a route or the document)", async () => {
    const committed = readFileSync(SCHEMA_TYPES_FILE, "utf8");
    const fresh = await schemaTypes();
    expect(committed === fresh, `${SCHEMA_TYPES_FILE} is stale: run npm run api:types and commit it`).toBe(true);
    expect(fresh).toContain('"/accounts/{accountId}/resources"');
  }, 60_000);
});
