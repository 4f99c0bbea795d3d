/** The provisioning API, described for any platform that plugs its resources in. */
const Money = {
  type: "object",
  required: ["amount", "micros", "currency"],
  properties: {
    amount: { type: "string", example: "12.400000", description: "Exact decimal US dollars (6 decimals)" },
    micros: { type: "string", example: "12400000", description: "Integer micro-dollars" },
    currency: { type: "string", enum: ["USD"] },
  },
};

const Error = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: ["VALIDATION", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "INSUFFICIENT_FUNDS", "IDEMPOTENCY_CONFLICT", "INTERNAL"] },
        message: { type: "string" },
        fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
      },
    },
  },
};

const Resource = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    externalId: { type: ["string", "null"] },
    name: { type: "string" },
    productId: { type: "string", example: "ecs.g7.large" },
    quantity: { type: "string", example: "2" },
    status: { type: "string", enum: ["pending", "running", "stopped", "released", "expired"] },
    billingMode: { type: "string", enum: ["payg_hourly", "payg_daily", "subscription"] },
    unitPrice: { $ref: "#/components/schemas/Money" },
    orderNo: { type: ["string", "null"] },
    startedAt: { type: "string", format: "date-time" },
    releasedAt: { type: ["string", "null"], format: "date-time" },
    expiresAt: { type: ["string", "null"], format: "date-time" },
  },
};

const err = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Billing Center provisioning API",
    version: "1.0.0",
    description:
      "Activate and release pay-as-you-go resources, report metered usage and read the balance of one account. Authenticate with an API key created by an account admin: `Authorization: Bearer bck_…`. Money is exact: decimal strings and integer micro-dollars.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ apiKey: [] }],
  components: {
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key of the account (bck_…)" } },
    schemas: { Money, Error, Resource },
  },
  paths: {
    "/resources": {
      get: { summary: "List the account's resources", responses: { "200": ok("Resources", { type: "object", properties: { resources: { type: "array", items: { $ref: "#/components/schemas/Resource" } } } }), "401": err("No valid API key") } },
      post: {
        summary: "Activate a pay-as-you-go resource",
        description:
          "Freezes one billing increment's price from available funds. Refused with 402 INSUFFICIENT_FUNDS, changing nothing, when they cannot cover it. The Idempotency-Key and the externalId are each bound to the request's terms (productId, quantity, name, externalId, promotionCode, after trimming): the same terms again answer 200 with the first resource, other terms under a used key or externalId answer 409 IDEMPOTENCY_CONFLICT and change nothing, also when both arrive at once.",
        parameters: [
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            schema: { type: "string", maxLength: 200 },
            description: "Required unless externalId is given: a retry with the same key and body activates once; the same key with another body is 409 IDEMPOTENCY_CONFLICT.",
          },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["productId", "quantity"],
                properties: {
                  productId: { type: "string" },
                  quantity: { type: "integer", minimum: 1, maximum: 1000 },
                  name: { type: "string", maxLength: 120 },
                  externalId: { type: "string", maxLength: 200, description: "Your id for the resource; unique per account. A request with a known externalId and the same terms gets that resource back (whatever its Idempotency-Key); other terms are 409 IDEMPOTENCY_CONFLICT" },
                  promotionCode: { type: "string", maxLength: 40 },
                },
              },
            },
          },
        },
        responses: {
          "201": ok("Activated", { type: "object", properties: { resource: { $ref: "#/components/schemas/Resource" } } }),
          "200": ok("Already activated by an earlier request with this key (or externalId) and the same terms", { type: "object", properties: { resource: { $ref: "#/components/schemas/Resource" } } }),
          "400": err("Invalid input"),
          "401": err("No valid API key"),
          "402": err("Available funds cannot cover the hold"),
          "404": err("Unknown product"),
          "409": err("IDEMPOTENCY_CONFLICT: the Idempotency-Key or externalId was already used for a request with other terms; nothing changed"),
        },
      },
    },
    "/resources/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      get: { summary: "One resource", responses: { "200": ok("The resource", { type: "object", properties: { resource: { $ref: "#/components/schemas/Resource" } } }), "404": err("Not a resource of this account") } },
      delete: {
        summary: "Release a resource",
        description: "Charges what is due up to now (the increment in progress in full) and returns its frozen funds. Releasing twice is harmless.",
        responses: { "200": ok("Released", { type: "object", properties: { resource: { $ref: "#/components/schemas/Resource" } } }), "401": err("No valid API key"), "404": err("Not a resource of this account") },
      },
    },
    "/usage": {
      post: {
        summary: "Report metered usage",
        description: "The eventId is bound to the event: the same resourceId, quantity and occurredAt (the same instant, however written) again answer 200 replayed; anything else under a used eventId answers 409 IDEMPOTENCY_CONFLICT and records nothing.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["eventId", "resourceId", "quantity", "occurredAt"],
                properties: {
                  eventId: { type: "string", maxLength: 200, description: "Your id for this report: the same id twice counts once; with other content it is refused (409)" },
                  resourceId: { type: "string", format: "uuid" },
                  quantity: { type: "integer", minimum: 1 },
                  occurredAt: { type: "string", format: "date-time" },
                },
              },
            },
          },
        },
        responses: {
          "202": ok("Recorded", { type: "object", properties: { eventId: { type: "string" }, replayed: { type: "boolean" } } }),
          "200": ok("Already recorded", { type: "object", properties: { eventId: { type: "string" }, replayed: { type: "boolean" } } }),
          "400": err("Invalid input, or the resource is not metered"),
          "404": err("Not a resource of this account"),
          "401": err("No valid API key"),
          "409": err("IDEMPOTENCY_CONFLICT: the eventId was already used with another resourceId, quantity or occurredAt; nothing was recorded"),
        },
      },
    },
    "/balance": {
      get: {
        summary: "The account's funds",
        responses: {
          "200": ok("Available funds = balance + credit limit; frozen funds are already out of the balance.", {
            type: "object",
            properties: { available: { $ref: "#/components/schemas/Money" }, balance: { $ref: "#/components/schemas/Money" }, creditLimit: { $ref: "#/components/schemas/Money" }, frozen: { $ref: "#/components/schemas/Money" } },
          }),
          "401": err("No valid API key"),
        },
      },
    },
  },
} as const;
