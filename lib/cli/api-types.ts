// `npm run api:types`: regenerates the typed client's types (lib/api/client/schema.d.ts) from
// the OpenAPI document lib/api/openapi.ts builds. Run it after changing a route or the document;
// lib/api/openapi-types.test.ts fails while the committed file is stale.
import { writeFileSync } from "node:fs";
import { SCHEMA_TYPES_FILE, schemaTypes } from "@/lib/api/openapi-types";

writeFileSync(SCHEMA_TYPES_FILE, await schemaTypes());
console.log(`Written ${SCHEMA_TYPES_FILE}`);
