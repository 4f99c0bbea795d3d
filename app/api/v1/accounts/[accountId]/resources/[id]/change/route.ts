// The same handlers as /api/v1/resources/{id}/change, under the account a platform key names.
export { DELETE, POST } from "../../../../../resources/[id]/change/route";

export const runtime = "nodejs";
