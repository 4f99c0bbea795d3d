// The same handlers as /api/v1/resources/{id}/change/preview, under the account a platform key names.
export { POST } from "../../../../../../resources/[id]/change/preview/route";

export const runtime = "nodejs";
