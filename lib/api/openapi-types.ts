import openapiTS, { astToString } from "openapi-typescript";
import { openApiDocument } from "./openapi";

/** Where `npm run api:types` writes the client's types (committed; a test checks they are current). */
export const SCHEMA_TYPES_FILE = "lib/api/client/schema.d.ts";

const HEADER = "// Generated from lib/api/openapi.ts by `npm run api:types`: do not edit by hand.\n";

/** The TypeScript types of the OpenAPI document (openapi-typescript), as the committed file holds them. */
export async function schemaTypes(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(openApiDocument)), { alphabetize: false, exportType: false, silent: true });
  return HEADER + astToString(ast);
}
