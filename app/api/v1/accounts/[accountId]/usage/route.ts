// The same handler as /api/v1/usage, under the account a platform key names.
export { POST } from "../../../usage/route";

export const runtime = "nodejs";
