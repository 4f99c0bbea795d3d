// The same handlers as /api/v1/usage, under the account a platform key names.
export { GET, POST } from "../../../usage/route";

export const runtime = "nodejs";
