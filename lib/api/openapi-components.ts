import { z } from "zod";
import { envelopeSchema } from "@/lib/events/catalogue";
import { EVENT_TYPES, type EventType } from "@/lib/events/types";
import { HTTP_STATUS, RETRY_AFTER_SECONDS, type ErrorCode } from "@/lib/errors";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./cursor";
import { API_RATE_LIMITS } from "./rate-limits";

/**
 * The reusable parts of the OpenAPI 3.1 document (lib/api/openapi.ts): schemas, parameters,
 * error responses and security schemes. Request bodies and event envelopes are generated from
 * the zod schemas the routes and the event catalogue use; answers are written here to match
 * what the handlers return (lib/api/serialize.ts, handler.ts money(), apiError()), and the
 * contract test (tests/integration/api-contract.test.ts) checks real answers against them.
 */

type Json = Record<string, unknown>;

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) schema object. */
export function fromZod(schema: z.ZodType, io: "input" | "output" = "input"): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Json;
  return rest;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Component names of the event envelopes: "resource.activated" → "ResourceActivatedEvent". */
export const eventSchemaName = (type: EventType) => `${type.split(/[._]/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("")}Event`;

const Money = {
  type: "object",
  description: "Exact money: a decimal string of US dollars with 6 decimals and the same amount in integer micro-dollars, never a float.",
  required: ["amount", "micros", "currency"],
  additionalProperties: false,
  properties: {
    amount: { type: "string", pattern: "^-?\\d+\\.\\d{6}$", examples: ["12.400000"] },
    micros: { type: "string", pattern: "^-?\\d+$", examples: ["12400000"] },
    currency: { type: "string", enum: ["USD"] },
  },
};

const dateTime = { type: "string", format: "date-time" };
const nullable = (schema: Json) => ({ ...schema, type: [schema.type, "null"] });

const Resource = {
  type: "object",
  required: ["id", "externalId", "name", "productId", "quantity", "status", "billingMode", "unitPrice", "orderNo", "startedAt", "releasedAt", "expiresAt", "tags", "subscription"],
  additionalProperties: false,
  properties: {
    id: { type: "string", format: "uuid" },
    externalId: { type: ["string", "null"], description: "Your id for the resource, when the activation gave one" },
    name: { type: "string" },
    productId: { type: "string", examples: ["ecs.g7.large"] },
    quantity: { type: "string", pattern: "^\\d+$", examples: ["2"], description: "A whole number, as a string" },
    status: { type: "string", enum: ["pending", "running", "stopped", "released", "expired"] },
    billingMode: { type: "string", enum: ["payg_hourly", "payg_daily", "subscription"] },
    unitPrice: ref("Money"),
    orderNo: { type: ["string", "null"] },
    startedAt: dateTime,
    releasedAt: nullable(dateTime),
    expiresAt: nullable(dateTime),
    tags: { type: "object", additionalProperties: { type: "string" }, description: "Cost allocation tags, key → value, in key order ({} when none)", examples: [{ env: "prod", team: "ml" }] },
    subscription: {
      type: ["object", "null"],
      description: "A subscription's term, auto-renew and the downgrade scheduled for its next term; null for pay-as-you-go",
      required: ["termMonths", "autoRenew", "scheduledChange"],
      additionalProperties: false,
      properties: {
        termMonths: { type: "integer", enum: [1, 3, 6, 12] },
        autoRenew: { type: "boolean" },
        scheduledChange: {
          type: ["object", "null"],
          required: ["productId", "quantity", "orderNo", "effectiveAt"],
          additionalProperties: false,
          properties: { productId: { type: "string" }, quantity: { type: "string", pattern: "^\\d+$" }, orderNo: { type: ["string", "null"] }, effectiveAt: nullable(dateTime) },
        },
      },
    },
  },
};

const digits = { type: "string", pattern: "^\\d+$" };

const Account = {
  type: "object",
  required: ["id", "name", "externalId", "createdAt"],
  additionalProperties: false,
  properties: {
    id: { type: "string", format: "uuid", description: "The account's id: name it in /accounts/{accountId}/…" },
    name: { type: "string" },
    externalId: { type: ["string", "null"], description: "Your id for the customer, when the account was created with one" },
    createdAt: dateTime,
  },
};

const AccountWithFunds = {
  type: "object",
  required: [...Account.required, "funds"],
  additionalProperties: false,
  properties: {
    ...Account.properties,
    funds: {
      type: "object",
      description: "As GET /accounts/{accountId}/balance: available = balance + credit limit; frozen funds are already out of the balance.",
      required: ["available", "balance", "creditLimit", "frozen"],
      additionalProperties: false,
      properties: { available: ref("Money"), balance: ref("Money"), creditLimit: ref("Money"), frozen: ref("Money") },
    },
  },
};

const UsageLine = {
  type: "object",
  required: ["resourceId", "periodStart", "quantity", "events", "charged"],
  additionalProperties: false,
  properties: {
    resourceId: { type: "string", format: "uuid" },
    periodStart: { ...dateTime, description: "Start of the billing increment (hour or day) the usage is charged in" },
    quantity: { ...digits, description: "The sum of the events' quantities, a whole number as a string" },
    events: { type: "integer", minimum: 1, description: "How many usage events were summed" },
    charged: { type: "boolean", description: "true once the billing run has charged every one of them" },
  },
};

const Charge = {
  type: "object",
  required: ["id", "resourceId", "productId", "periodStart", "periodEnd", "quantity", "unitPrice", "gross", "discount", "voucher", "cash", "net"],
  additionalProperties: false,
  properties: {
    id: digits,
    resourceId: { type: "string", format: "uuid" },
    productId: { type: "string" },
    periodStart: dateTime,
    periodEnd: dateTime,
    quantity: digits,
    unitPrice: ref("Money"),
    gross: { ...ref("Money"), description: "quantity × unit price, before the discount" },
    discount: ref("Money"),
    voucher: { ...ref("Money"), description: "The part of net paid from vouchers" },
    cash: { ...ref("Money"), description: "The part of net paid from the balance" },
    net: { ...ref("Money"), description: "gross − discount = voucher + cash" },
  },
};

const ErrorBody = {
  type: "object",
  required: ["code", "message"],
  additionalProperties: false,
  properties: {
    code: { type: "string", enum: Object.keys(HTTP_STATUS) },
    message: { type: "string", description: "Safe to show; never a raw exception" },
    fieldErrors: { type: "object", description: "Messages per invalid field (or query parameter)", additionalProperties: { type: "array", items: { type: "string" } } },
  },
};

const ErrorSchema = { type: "object", required: ["error"], additionalProperties: false, properties: { error: ref("ErrorBody") } };

const EventEnvelope = {
  description: "An event as it is delivered: the signed request body of a webhook, and one item of the event feed. Dedupe by `id`.",
  oneOf: EVENT_TYPES.map((t) => ref(eventSchemaName(t))),
};

export const schemas: Json = {
  Money,
  Resource,
  Account,
  AccountWithFunds,
  UsageLine,
  Charge,
  Error: ErrorSchema,
  ErrorBody,
  Event: EventEnvelope,
  ...Object.fromEntries(EVENT_TYPES.map((t) => [eventSchemaName(t), { title: t, ...fromZod(envelopeSchema(t), "output") }])),
};

const retryAfter = (description: string) => ({ required: true, description, schema: { type: "integer", minimum: 1 } });

/** An error answer whose `error.code` is one of `codes`. */
function errorResponse(description: string, codes: ErrorCode[], headers?: Json) {
  const schema = { allOf: [ref("Error"), { properties: { error: { properties: { code: { enum: codes } } } } }] };
  return { description, ...(headers ? { headers } : {}), content: { "application/json": { schema } } };
}

export const responses: Json = {
  BadRequest: errorResponse("VALIDATION: the body, a header or a query parameter is invalid (`fieldErrors` names them); nothing changed.", ["VALIDATION"]),
  Unauthorized: errorResponse("UNAUTHENTICATED: no key, or a malformed, unknown, revoked or expired one.", ["UNAUTHENTICATED"]),
  NotFound: errorResponse(
    "NOT_FOUND: no such thing in this account. Another account's resource, an account key on another account's path and an unknown account all answer the same, so nothing leaks; a platform key on a path without /accounts/{accountId} is told to name the account.",
    ["NOT_FOUND"],
  ),
  TooManyRequests: errorResponse(
    `RATE_LIMITED: this key sent more requests this second than it may (by default ${API_RATE_LIMITS.account}/s for an account key and ${API_RATE_LIMITS.platform}/s for a platform key, counted across every instance of the app). Retry after Retry-After seconds.`,
    ["RATE_LIMITED"],
    { "Retry-After": retryAfter("Whole seconds to wait before retrying") },
  ),
  Unavailable: errorResponse("UNAVAILABLE: the database cannot be reached for a moment (a restart); nothing changed. Retry after Retry-After seconds.", ["UNAVAILABLE"], {
    "Retry-After": retryAfter(`Whole seconds to wait before retrying (${RETRY_AFTER_SECONDS})`),
  }),
  Internal: errorResponse("INTERNAL: an unexpected failure, logged; the message says nothing more.", ["INTERNAL"]),
};

export { errorResponse };

export const parameters: Json = {
  accountId: {
    name: "accountId",
    in: "path",
    required: true,
    description: "The account acted on. A platform key may name any account; an account key only its own (another answers 404).",
    schema: { type: "string" },
  },
  limit: { name: "limit", in: "query", required: false, description: `Page size, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT})`, schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
  cursor: {
    name: "cursor",
    in: "query",
    required: false,
    description:
      "The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400.",
    schema: { type: "string", maxLength: 500 },
  },
};

export const securitySchemes: Json = {
  accountKey: {
    type: "http",
    scheme: "bearer",
    description: "An account's API key (`bck_…`), created by an account admin under Settings → API keys. It acts on its own account only: on the plain paths, and on /accounts/{accountId}/… with its own account id.",
  },
  platformKey: {
    type: "http",
    scheme: "bearer",
    description: "A platform key (`bck_…`), created by staff finance in the staff console. It names no account: it creates, lists and reads customer accounts at /accounts, acts on any account through /accounts/{accountId}/…, reads every account's events at /events and reports usage for any account at /usage/batch. On a plain account path it answers 404.",
  },
};

/** Operation `responses` with the errors every keyed call can meet. */
export function keyed(success: Json, errors: Json = {}) {
  const r = (name: string) => ({ $ref: `#/components/responses/${name}` });
  return { ...success, ...errors, "401": r("Unauthorized"), "429": r("TooManyRequests"), "500": r("Internal"), "503": r("Unavailable") };
}

export const componentRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
