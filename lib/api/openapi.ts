import { UsageEventSchema } from "@/lib/billing/usage";
import { MAX_BATCH } from "@/lib/billing/usage-batch";
import { SIGNATURE_HEADER } from "@/lib/alerts/signature";
import { EVENT_TYPES } from "@/lib/events/types";
import { componentRef, errorResponse, eventSchemaName, fromZod, keyed, parameters, ref, responses, schemas, securitySchemes } from "./openapi-components";
import { CreateAccountBodySchema } from "./account-body";
import { RESOURCE_STATUSES } from "./resources-list";
import { ActivateResourceSchema, SetResourceTagsSchema } from "./schemas";
import { AutoRenewSchema, SubscriptionChangeSchema } from "./subscription-change";
import { UsageListFilterSchema } from "./usage-lists";

/**
 * The provisioning and platform API as OpenAPI 3.1, served at /api/v1/openapi.json. Every
 * route under app/api/v1 has its operation here (tests/integration/api-contract.test.ts
 * checks both ways and validates real answers against it); the typed client in
 * lib/api/client is generated from it with `npm run api:types`.
 */

type Json = Record<string, unknown>;
type Op = Json & { operationId: string };

const json = (description: string, schema: Json) => ({ description, content: { "application/json": { schema } } });
const object = (properties: Json, required = Object.keys(properties)) => ({ type: "object", required, additionalProperties: false, properties });
const one = (description: string) => json(description, object({ resource: ref("Resource") }));
const r = componentRef;
type Security = Record<string, string[]>[];
const ACCOUNT_ONLY: Security = [{ accountKey: [] }];
const EITHER_KEY: Security = [{ accountKey: [] }, { platformKey: [] }];
const PLATFORM_ONLY: Security = [{ platformKey: [] }];
const platformOnly = errorResponse("FORBIDDEN: an account key; only a platform key creates, lists and reads accounts.", ["FORBIDDEN"]);
const oneAccount = (description: string) => json(description, object({ account: ref("Account") }));
const resourceId = { name: "id", in: "path", required: true, description: "The resource's id", schema: { type: "string" } };

const UsageResult = object({ eventId: { type: "string" }, replayed: { type: "boolean", description: "true when this eventId was already recorded with the same content" } });

const BatchResult = {
  oneOf: [
    object({ index: { type: "integer", minimum: 0 }, eventId: { type: ["string", "null"] }, status: { type: "string", enum: ["accepted", "duplicate"] } }),
    object({ index: { type: "integer", minimum: 0 }, eventId: { type: ["string", "null"] }, status: { const: "error" }, error: ref("ErrorBody") }),
  ],
};

const PAGE = [{ $ref: "#/components/parameters/limit" }, { $ref: "#/components/parameters/cursor" }];
const FILTER_TEXT: Record<string, string> = { resourceId: "Only this resource's", from: "From this time (inclusive)", to: "Up to this time (exclusive); after from" };
const filters = [
  ...Object.entries((fromZod(UsageListFilterSchema) as { properties: Record<string, Json> }).properties).map(([name, schema]) => ({ name, in: "query", required: false, description: FILTER_TEXT[name], schema })),
  ...PAGE,
];
/** Every list answers this shape: one page of items under `data`, and the cursor of the next page. */
const listPage = (description: string, item: Json) =>
  json(description, object({ data: { type: "array", items: item }, nextCursor: { type: ["string", "null"], description: "Pass it as `cursor` for the next page; null on the last page" } }));
const eventsPage = listPage("One page of events", ref("Event"));

const money = ref("Money");
const ChangePreview = object({
  kind: { type: "string", enum: ["upgrade", "downgrade", "extension"] },
  effectiveAt: { type: "string", format: "date-time", description: "Now for an upgrade; the current term's end for a downgrade or a longer term" },
  gross: money,
  discount: money,
  net: { ...money, description: "Charged now from cash (0 for a downgrade)" },
  productId: { type: "string" },
  quantity: { type: "string", pattern: "^\\d+$" },
  unitPrice: money,
  termMonths: { type: "integer", enum: [1, 3, 6, 12] },
  expiresAt: { type: "string", format: "date-time", description: "The expiry after the change" },
});
const OrderJson = object({
  orderNo: { type: "string" },
  type: { type: "string", enum: ["upgrade", "downgrade", "extension"] },
  productId: { type: "string" },
  quantity: { type: "string", pattern: "^\\d+$" },
  termMonths: { type: ["integer", "null"] },
  gross: money,
  discount: money,
  net: money,
  createdAt: { type: "string", format: "date-time" },
});
const ChangeDone = object({ kind: { type: "string", enum: ["upgrade", "downgrade", "extension"] }, effectiveAt: { type: ["string", "null"], format: "date-time" }, order: OrderJson, resource: ref("Resource") });
const CHANGE_RULES =
  "An upgrade (a product of the same family with a higher monthly price, or more quantity) takes effect at once and is charged |new monthly − old monthly| × remaining months, remaining months = (expiry − now) / 30 days, rounded half-even to the micro-dollar. A lower monthly price is a downgrade, scheduled for the next term (cancel it with DELETE …/change). A longer termMonths starts at the current term's end and is paid now at its term discount. Change the product or quantity, or the term, one at a time.";
const changeErrors = {
  "400": r("BadRequest"),
  "402": errorResponse("INSUFFICIENT_FUNDS: available funds cannot cover the charge; or ACCOUNT_OVERDUE: an overdue account cannot upgrade or lengthen. Nothing changed.", ["INSUFFICIENT_FUNDS", "ACCOUNT_OVERDUE"]),
  "404": r("NotFound"),
  "409": errorResponse("CONFLICT: the resource is not a running subscription (or a downgrade is scheduled when lengthening); IDEMPOTENCY_CONFLICT: the key was used for another change. Nothing changed.", ["CONFLICT", "IDEMPOTENCY_CONFLICT"]),
};

const RenewalPreview = object({
  termMonths: { type: "integer", enum: [1, 3, 6, 12] },
  gross: money,
  discount: money,
  price: { ...money, description: "Charged now: one more term at the renewal price" },
  expiresAt: { type: "string", format: "date-time", description: "The new expiry: one term from the old expiry" },
  releaseAt: { type: "string", format: "date-time", description: "When the subscription is released unless renewed (72 hours after its stop)" },
  available: money,
  affordable: { type: "boolean", description: "Available funds cover the price" },
});
const RENEW_RULES =
  "A subscription that cannot renew at its expiry (auto-renew off, or funds short) is stopped then for 72 hours and released after; within them it can be renewed: one more term at the renewal price, counted from the old expiry, paid from cash, and it resumes at once.";
const renewErrors = { "404": r("NotFound"), "409": errorResponse("CONFLICT: the resource is not a subscription stopped at its expiry (it runs, or was renewed already), or its 72 hours are over. Nothing changed.", ["CONFLICT"]) };

const ops: Record<string, Op> = {
  previewRenewal: {
    operationId: "previewRenewal",
    summary: "Preview renewing a stopped subscription",
    description: `What POST …/renew would charge now; nothing is written. ${RENEW_RULES}`,
    responses: keyed({ "200": json("The renewal as it would be made now", object({ preview: RenewalPreview })) }, renewErrors),
  },
  renewStopped: {
    operationId: "renewStopped",
    summary: "Renew a stopped subscription",
    description: `${RENEW_RULES} The term is paid once whichever path renews it (this call, a top-up with auto-renew on, or the job): a second call answers 409 CONFLICT and charges nothing. Refused with 402 INSUFFICIENT_FUNDS, changing nothing, when available funds cannot cover it.`,
    responses: keyed(
      { "200": json("Renewed and running", object({ resource: ref("Resource"), orderNo: { type: "string" }, price: money })) },
      { ...renewErrors, "402": errorResponse("INSUFFICIENT_FUNDS: available funds cannot cover the renewal; nothing changed.", ["INSUFFICIENT_FUNDS"]) },
    ),
  },
  previewSubscriptionChange: {
    operationId: "previewSubscriptionChange",
    summary: "Preview a subscription change",
    description: `What POST …/change would do now, from the same pricing function: the kind, when it takes effect and what is charged now. Nothing is written. ${CHANGE_RULES}`,
    requestBody: { required: true, content: { "application/json": { schema: fromZod(SubscriptionChangeSchema) } } },
    responses: keyed({ "200": json("The change as it would be made now", object({ preview: ChangePreview })) }, changeErrors),
  },
  changeSubscription: {
    operationId: "changeSubscription",
    summary: "Change a subscription",
    description: `Every change is an order (its number in Orders and on the ledger posting). The charge is a guarded posting: refused with 402 INSUFFICIENT_FUNDS, changing nothing, when available funds cannot cover it. ${CHANGE_RULES}`,
    parameters: [
      {
        name: "Idempotency-Key",
        in: "header",
        required: true,
        schema: { type: "string", maxLength: 200 },
        description: "A retry with the same key answers 200 with the first change, charged once, also when both arrive at once; the same key with another change is 409 IDEMPOTENCY_CONFLICT.",
      },
    ],
    requestBody: { required: true, content: { "application/json": { schema: fromZod(SubscriptionChangeSchema) } } },
    responses: keyed({ "201": json("Changed (or scheduled)", ChangeDone), "200": json("Already made by an earlier request with this key", ChangeDone) }, changeErrors),
  },
  cancelSubscriptionChange: {
    operationId: "cancelSubscriptionChange",
    summary: "Cancel a scheduled downgrade",
    description: "The subscription renews as it is. 409 CONFLICT when no downgrade is scheduled.",
    responses: keyed({ "200": one("The resource, nothing scheduled") }, { "404": r("NotFound"), "409": errorResponse("CONFLICT: no downgrade is scheduled.", ["CONFLICT"]) }),
  },
  setAutoRenew: {
    operationId: "setAutoRenew",
    summary: "Turn a subscription's auto-renew on or off",
    description: "At any time while it runs; recorded in the account's audit log when it changes. The renewal reminders (7 days, 48 hours and 24 hours before expiry) say whether it renews by itself.",
    requestBody: { required: true, content: { "application/json": { schema: fromZod(AutoRenewSchema) } } },
    responses: keyed({ "200": one("The resource") }, { "400": r("BadRequest"), "404": r("NotFound"), "409": errorResponse("CONFLICT: the resource is not a running subscription.", ["CONFLICT"]) }),
  },
  createAccount: {
    operationId: "createAccount",
    summary: "Create a customer account",
    description:
      "The platform creates the billing account when its customer signs up: the account can be topped up and billed at once, and its owner is invited by email (in `locale`) to set a password and sign in. Send an externalId (your customer id) or an Idempotency-Key: each is bound to the request's terms (name, ownerEmail, locale, externalId, after trimming; the email's case does not matter). The same terms again answer 200 with the first account, also when both requests arrive at once; other terms under a used externalId or key answer 409 IDEMPOTENCY_CONFLICT and change nothing.",
    security: PLATFORM_ONLY,
    parameters: [
      {
        name: "Idempotency-Key",
        in: "header",
        required: false,
        schema: { type: "string", maxLength: 200 },
        description: "Required unless externalId is given: a retry with the same key and body creates one account; the same key with another body is 409 IDEMPOTENCY_CONFLICT. Keys are the calling key's own.",
      },
    ],
    requestBody: { required: true, content: { "application/json": { schema: fromZod(CreateAccountBodySchema) } } },
    responses: keyed(
      { "201": oneAccount("Created; the owner's invitation is on its way"), "200": oneAccount("Already created by an earlier request with this externalId (or key) and the same terms") },
      {
        "400": r("BadRequest"),
        "403": platformOnly,
        "409": errorResponse("IDEMPOTENCY_CONFLICT: the externalId or Idempotency-Key was already used to create an account with other terms; nothing changed.", ["IDEMPOTENCY_CONFLICT"]),
      },
    ),
  },
  listAccounts: {
    operationId: "listAccounts",
    summary: "List customer accounts",
    description: "Every customer account in the order it was created, oldest first (ties by id), a page at a time; `externalId` finds the one created for your customer (a page of one, or none).",
    security: PLATFORM_ONLY,
    parameters: [...PAGE, { name: "externalId", in: "query", required: false, description: "Only the account with this externalId", schema: { type: "string", minLength: 1, maxLength: 200 } }],
    responses: keyed({ "200": listPage("One page of accounts", ref("Account")) }, { "400": r("BadRequest"), "403": platformOnly }),
  },
  getAccount: {
    operationId: "getAccount",
    summary: "One customer account with its funds",
    description: "The account and its funds as `/accounts/{accountId}/balance` answers them. An account key is 403 here, also on its own account's id: it reads its funds at /balance.",
    security: PLATFORM_ONLY,
    responses: keyed({ "200": json("The account", object({ account: ref("AccountWithFunds") })) }, { "403": platformOnly, "404": r("NotFound") }),
  },
  listResources: {
    operationId: "listResources",
    summary: "List the account's resources",
    description:
      "The account's resources in the order they were created, oldest first (ties by id), a page at a time. A resource activated while you page comes after the ones already there, so reading on with `nextCursor` until it is null lists every resource once, also when many were created in the same instant.",
    parameters: [
      ...PAGE,
      {
        name: "status",
        in: "query",
        required: false,
        description: "Only resources in these statuses (repeat the parameter, or separate them with commas)",
        schema: { type: "array", items: { type: "string", enum: [...RESOURCE_STATUSES] } },
        style: "form",
        explode: true,
      },
    ],
    responses: keyed({ "200": listPage("One page of resources", ref("Resource")) }, { "400": r("BadRequest"), "404": r("NotFound") }),
  },
  activateResource: {
    operationId: "activateResource",
    summary: "Activate a pay-as-you-go resource",
    description:
      "Freezes one billing increment's price from available funds. Refused with 402 INSUFFICIENT_FUNDS, changing nothing, when they cannot cover it. The Idempotency-Key and the externalId are each bound to the request's terms (productId, quantity, name, externalId, promotionCode, tags, after trimming): the same terms again answer 200 with the first resource, other terms under a used key or externalId answer 409 IDEMPOTENCY_CONFLICT and change nothing, also when both arrive at once.",
    parameters: [
      {
        name: "Idempotency-Key",
        in: "header",
        required: false,
        schema: { type: "string", maxLength: 200 },
        description: "Required unless externalId is given: a retry with the same key and body activates once; the same key with another body is 409 IDEMPOTENCY_CONFLICT. Keys are the calling key's own: two accounts may use the same one.",
      },
    ],
    requestBody: { required: true, content: { "application/json": { schema: fromZod(ActivateResourceSchema) } } },
    responses: keyed(
      { "201": one("Activated"), "200": one("Already activated by an earlier request with this key (or externalId) and the same terms") },
      {
        "400": r("BadRequest"),
        "402": errorResponse("INSUFFICIENT_FUNDS: available funds cannot cover the hold; nothing changed.", ["INSUFFICIENT_FUNDS"]),
        "404": r("NotFound"),
        "409": errorResponse("IDEMPOTENCY_CONFLICT: the Idempotency-Key or externalId was already used for a request with other terms; nothing changed.", ["IDEMPOTENCY_CONFLICT"]),
      },
    ),
  },
  getResource: { operationId: "getResource", summary: "One resource", responses: keyed({ "200": one("The resource") }, { "404": r("NotFound") }) },
  releaseResource: {
    operationId: "releaseResource",
    summary: "Release a resource",
    description: "Charges what is due up to now (the increment in progress in full) and returns its frozen funds. Releasing twice is harmless: the second answers the released resource.",
    responses: keyed({ "200": one("Released") }, { "404": r("NotFound") }),
  },
  setResourceTags: {
    operationId: "setResourceTags",
    summary: "Replace a resource's tags",
    description:
      "Sets the resource's whole tag set (keys left out are removed; `{}` removes every tag). Charges written from now on record the new tags; charges and orders already written keep the ones they were charged with, so a cost report of the past does not change. A released or expired resource keeps the tags it ended with (409 CONFLICT). Sending the set it already has changes nothing. Each change is recorded in the account's audit log with the set before and after.",
    requestBody: { required: true, content: { "application/json": { schema: fromZod(SetResourceTagsSchema) } } },
    responses: keyed(
      { "200": one("The resource with its new tags") },
      { "400": r("BadRequest"), "404": r("NotFound"), "409": errorResponse("CONFLICT: the resource was released or has expired; nothing changed.", ["CONFLICT"]) },
    ),
  },
  reportUsage: {
    operationId: "reportUsage",
    summary: "Report metered usage",
    description:
      "The eventId is bound to the event: the same resourceId, quantity and occurredAt (the same instant, however written) again answer 200 replayed; anything else under a used eventId answers 409 IDEMPOTENCY_CONFLICT and records nothing. A released resource takes no more usage (409 CONFLICT).",
    requestBody: { required: true, content: { "application/json": { schema: fromZod(UsageEventSchema) } } },
    responses: keyed(
      { "202": json("Recorded", UsageResult), "200": json("Already recorded (replayed)", UsageResult) },
      {
        "400": r("BadRequest"),
        "404": r("NotFound"),
        "409": errorResponse("IDEMPOTENCY_CONFLICT: the eventId was already used with another resourceId, quantity or occurredAt; CONFLICT: the resource was released. Nothing was recorded.", ["IDEMPOTENCY_CONFLICT", "CONFLICT"]),
      },
    ),
  },
  getBalance: {
    operationId: "getBalance",
    summary: "The account's funds",
    responses: keyed(
      { "200": json("Available funds = balance + credit limit; frozen funds are already out of the balance.", object({ available: ref("Money"), balance: ref("Money"), creditLimit: ref("Money"), frozen: ref("Money") })) },
      { "404": r("NotFound") },
    ),
  },
  listUsage: {
    operationId: "listUsage",
    summary: "Usage per resource and increment",
    description:
      "The account's usage summed per resource and billing increment, in (increment start, resource) order: the increment that charged it, or, while uncharged, the one the billing run will charge it in. from/to select events by occurredAt.",
    parameters: filters,
    responses: keyed({ "200": listPage("One page of usage", ref("UsageLine")) }, { "400": r("BadRequest"), "404": r("NotFound") }),
  },
  listCharges: {
    operationId: "listCharges",
    summary: "Charge lines",
    description: "The billing run's charges, one per resource and increment, in (period start, id) order: gross, discount, net = gross − discount, and how net was paid (voucher + cash). from/to select by period start.",
    parameters: filters,
    responses: keyed({ "200": listPage("One page of charges", ref("Charge")) }, { "400": r("BadRequest"), "404": r("NotFound") }),
  },
  listEvents: {
    operationId: "listEvents",
    summary: "Read the event outbox",
    description:
      "The events as they are (or will be) delivered to webhooks, in the order they were written, for a receiver that missed deliveries: every account's for a platform key, the account's own for an account key (or under /accounts/{accountId}, one account's). Read on with `nextCursor` until it is null; keep the last cursor to resume later.",
    parameters: [
      ...PAGE,
      {
        name: "type",
        in: "query",
        required: false,
        description: "Only these event types (repeat the parameter, or separate them with commas)",
        schema: { type: "array", items: { type: "string", enum: [...EVENT_TYPES] } },
        style: "form",
        explode: true,
      },
    ],
    responses: keyed({ "200": eventsPage }, { "400": r("BadRequest") }),
  },
  reportUsageBatch: {
    operationId: "reportUsageBatch",
    summary: "Report up to 1,000 usage events at once",
    description: `Each event is accepted or refused on its own, not all in one transaction: one bad event (invalid fields, another account's or a released resource, an eventId reused with other content) refuses only itself, named by its index, as Stripe's and Metronome's ingestion do, so a platform never has to split a batch to find the event that failed it. An event is \`accepted\` only when this request stored it; a retried batch answers \`duplicate\` for what was stored before, so each event counts once. An account key reaches its own resources; a platform key any account's, each event counting under its resource's account.`,
    requestBody: {
      required: true,
      content: { "application/json": { schema: object({ events: { type: "array", minItems: 1, maxItems: MAX_BATCH, items: fromZod(UsageEventSchema), description: "Each validated on its own" } }) } },
    },
    responses: keyed(
      {
        "200": json(
          "Per event, by index, in the order sent",
          object({ accepted: { type: "integer", minimum: 0 }, duplicates: { type: "integer", minimum: 0 }, errors: { type: "integer", minimum: 0 }, results: { type: "array", items: BatchResult } }),
        ),
      },
      { "400": r("BadRequest") },
    ),
  },
};

/** The same operation under /accounts/{accountId}: either kind of key, its own operationId. */
const twin = (op: Op): Op => ({ ...op, operationId: `${op.operationId}OfAccount`, security: EITHER_KEY });
const plain = (op: Op, security = ACCOUNT_ONLY): Op => ({ ...op, security });
const accountPath = (item: Json) => ({ parameters: [{ $ref: "#/components/parameters/accountId" }, ...((item.parameters as Json[] | undefined) ?? [])], ...Object.fromEntries(Object.entries(item).filter(([k]) => k !== "parameters")) });

const paths: Json = {
  "/resources": { get: plain(ops.listResources!), post: plain(ops.activateResource!) },
  "/resources/{id}": { parameters: [resourceId], get: plain(ops.getResource!), patch: plain(ops.setResourceTags!), delete: plain(ops.releaseResource!) },
  "/resources/{id}/change/preview": { parameters: [resourceId], post: plain(ops.previewSubscriptionChange!) },
  "/resources/{id}/change": { parameters: [resourceId], post: plain(ops.changeSubscription!), delete: plain(ops.cancelSubscriptionChange!) },
  "/resources/{id}/auto-renew": { parameters: [resourceId], put: plain(ops.setAutoRenew!) },
  "/resources/{id}/renew": { parameters: [resourceId], get: plain(ops.previewRenewal!), post: plain(ops.renewStopped!) },
  "/usage": { get: plain(ops.listUsage!), post: plain(ops.reportUsage!) },
  "/charges": { get: plain(ops.listCharges!) },
  "/usage/batch": { post: plain(ops.reportUsageBatch!, EITHER_KEY) },
  "/balance": { get: plain(ops.getBalance!) },
  "/events": { get: plain(ops.listEvents!, EITHER_KEY) },
  "/accounts": { get: ops.listAccounts!, post: ops.createAccount! },
  "/accounts/{accountId}": accountPath({ get: ops.getAccount! }),
  "/accounts/{accountId}/resources": accountPath({ get: twin(ops.listResources!), post: twin(ops.activateResource!) }),
  "/accounts/{accountId}/resources/{id}": accountPath({ parameters: [resourceId], get: twin(ops.getResource!), patch: twin(ops.setResourceTags!), delete: twin(ops.releaseResource!) }),
  "/accounts/{accountId}/resources/{id}/change/preview": accountPath({ parameters: [resourceId], post: twin(ops.previewSubscriptionChange!) }),
  "/accounts/{accountId}/resources/{id}/change": accountPath({ parameters: [resourceId], post: twin(ops.changeSubscription!), delete: twin(ops.cancelSubscriptionChange!) }),
  "/accounts/{accountId}/resources/{id}/auto-renew": accountPath({ parameters: [resourceId], put: twin(ops.setAutoRenew!) }),
  "/accounts/{accountId}/resources/{id}/renew": accountPath({ parameters: [resourceId], get: twin(ops.previewRenewal!), post: twin(ops.renewStopped!) }),
  "/accounts/{accountId}/usage": accountPath({ get: twin(ops.listUsage!), post: twin(ops.reportUsage!) }),
  "/accounts/{accountId}/charges": accountPath({ get: twin(ops.listCharges!) }),
  "/accounts/{accountId}/balance": accountPath({ get: twin(ops.getBalance!) }),
  "/accounts/{accountId}/events": accountPath({ get: { ...twin(ops.listEvents!), responses: keyed({ "200": eventsPage }, { "400": r("BadRequest"), "404": r("NotFound") }) } }),
  "/openapi.json": { get: { operationId: "getOpenApiDocument", summary: "This document", security: [], responses: { "200": json("The OpenAPI 3.1 document", { type: "object", required: ["openapi"], properties: { openapi: { const: "3.1.0" } } }) } } },
};

const webhooks = Object.fromEntries(
  EVENT_TYPES.map((type) => [
    type,
    {
      post: {
        operationId: `on${eventSchemaName(type)}`,
        summary: `${type} (version 1)`,
        description: `Posted to each endpoint subscribed to ${type}, at least once, in order per account; dedupe by the envelope's id.`,
        parameters: [
          {
            name: SIGNATURE_HEADER,
            in: "header",
            required: true,
            description:
              "`t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes.",
            schema: { type: "string", pattern: "^t=\\d+(,v1=[0-9a-f]{64})+$" },
          },
        ],
        requestBody: { required: true, content: { "application/json": { schema: ref(eventSchemaName(type)) } } },
        responses: {
          "2XX": { description: "Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile." },
        },
      },
    },
  ]),
);

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Billing Center API",
    version: "1.5.0",
    description:
      "Create customer accounts (a platform key), activate, tag and release pay-as-you-go resources, preview and make subscription changes (upgrade, downgrade, a longer term, auto-renew), report metered usage (one event or a batch), read balances and the event outbox, and receive signed webhooks for billing events. Authenticate with `Authorization: Bearer bck_…`: an account key on the plain paths (its own account), a platform key on /accounts (creating and reading accounts), /accounts/{accountId}/… (any account), /events and /usage/batch. Each key is limited per second; over it the answer is 429 with Retry-After. Every list answers one page as `{ data: [...], nextCursor }`: pass `nextCursor` back as `cursor` until it is null. Money is exact: decimal strings and integer micro-dollars. Errors are `{ error: { code, message, fieldErrors? } }`.",
  },
  servers: [{ url: "/api/v1" }],
  security: EITHER_KEY,
  components: { securitySchemes, schemas, parameters, responses },
  paths,
  webhooks,
};
