// The same handler as /api/v1/balance, under the account a platform key names.
export { GET } from "../../../balance/route";

export const runtime = "nodejs";
