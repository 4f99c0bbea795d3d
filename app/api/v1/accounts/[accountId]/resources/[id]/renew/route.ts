// The same handlers as /api/v1/resources/{id}/renew, under the account a platform key names.
export { GET, POST } from "../../../../../resources/[id]/renew/route";

export const runtime = "nodejs";
