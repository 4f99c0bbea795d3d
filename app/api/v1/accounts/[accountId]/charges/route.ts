// The same handler as /api/v1/charges, under the account a platform key names.
export { GET } from "../../../charges/route";

export const runtime = "nodejs";
