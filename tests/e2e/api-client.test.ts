import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { createBillingClient } from "@/lib/api/client";
import { openApiDocument } from "@/lib/api/openapi";
import { checked } from "../integration/api-contract";
import { ACME, GLOBEX, createApiKey, useBrowser } from "./browser";

const b = useBrowser();

/** The typed client over HTTP to the running app, every answer checked against the OpenAPI document. */
const client = (key: string) => createBillingClient(b.baseUrl(), key, { fetch: async (req: Request) => checked(await fetch(req), req.method, req.url) });

describe("the API over HTTP", () => {
  it("serves its OpenAPI 3.1 document, which validates and is the one the client was generated from", async () => {
    const res = await fetch(`${b.baseUrl()}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const served = await res.json();
    const validator = new Validator();
    expect((await validator.validate(served)).valid).toBe(true);
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });

  it("the typed client reads an account through its key, is refused another account and bad input, and without a key is 401", async () => {
    const { context, page } = await b.signedIn("admin@acme.example");
    const key = await createApiKey(page, ACME, "typed client");
    await context.close();
    const api = client(key);

    const balance = await api.GET("/balance");
    expect(balance.response.status).toBe(200);
    expect(balance.data?.creditLimit.amount).toBe("1000.000000");
    expect((await api.GET("/accounts/{accountId}/balance", { params: { path: { accountId: ACME } } })).data).toEqual(balance.data);
    const resources = await api.GET("/resources");
    expect(resources.data?.data.length).toBeGreaterThan(0);
    const first = resources.data!.data[0]!;
    expect((await api.GET("/resources/{id}", { params: { path: { id: first.id } } })).data?.resource).toEqual(first);
    expect((await api.GET("/events", { params: { query: { limit: 5 } } })).response.status).toBe(200);
    expect((await api.GET("/charges", { params: { query: { limit: 5 } } })).data?.data.length).toBeGreaterThan(0);
    expect((await api.GET("/usage", { params: { query: { limit: 5 } } })).response.status).toBe(200);

    const other = await api.GET("/accounts/{accountId}/resources", { params: { path: { accountId: GLOBEX } } });
    expect([other.response.status, other.error?.error.code]).toEqual([404, "NOT_FOUND"]);
    const bad = await api.POST("/resources", { body: { productId: "ecs.g7.large", quantity: 0 }, params: { header: { "Idempotency-Key": "typed-client-bad" } } });
    expect([bad.response.status, Object.keys(bad.error?.error.fieldErrors ?? {})]).toEqual([400, ["quantity"]]);
    const anonymous = await client("bck_not-a-key").GET("/balance");
    expect([anonymous.response.status, anonymous.error?.error.code]).toEqual([401, "UNAUTHENTICATED"]);
  });
});
