import bcrypt from "bcryptjs";

const COST = 11;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

/** A fixed hash to compare against when the email is unknown, so timing does not reveal it. */
const DUMMY_HASH = "$2b$11$C6UzMDM.H6dfI/f/IKxGhuB0WbOk0mYQk2r0XQwqUPv1U9xjZQxFq";

export async function verifyPassword(plain: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(plain, hash ?? DUMMY_HASH);
  return ok && !!hash;
}
