// The same handlers as /api/v1/resources/{id}, under the account a platform key names.
export { DELETE, GET, PATCH } from "../../../../resources/[id]/route";

export const runtime = "nodejs";
