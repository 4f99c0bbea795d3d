// The same handlers as /api/v1/resources, under the account a platform key names (lib/api/handler.ts scopes it).
export { GET, POST } from "../../../resources/route";

export const runtime = "nodejs";
