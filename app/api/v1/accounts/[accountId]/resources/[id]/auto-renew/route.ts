// The same handlers as /api/v1/resources/{id}/auto-renew, under the account a platform key names.
export { PUT } from "../../../../../resources/[id]/auto-renew/route";

export const runtime = "nodejs";
