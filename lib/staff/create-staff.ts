import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { issueSignInLink } from "@/lib/auth/sign-in-link";
import { withTx } from "@/db/tx";

// Control characters, and the bidirectional overrides that would let a name display as another.
const UNSAFE_NAME = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** The arguments of `npm run staff:create`; each message names the option it is about. */
export const StaffCreateSchema = z.object({
  email: z
    .string({ error: "--email is required" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "--email must be an email address, e.g. you@example.com" }).max(320, { error: "--email is too long" })),
  role: z.enum(["finance", "support"], { error: "--role must be finance or support" }),
  name: z
    .string()
    .trim()
    .min(1, { error: "--name must not be empty" })
    .max(100, { error: "--name must be at most 100 characters" })
    .refine((s) => !UNSAFE_NAME.test(s), { error: "--name must not contain control or text-direction characters" })
    .optional(),
  locale: z.enum(["en", "zh-CN"], { error: "--locale must be en or zh-CN" }).default("en"),
});
export type StaffCreateInput = z.input<typeof StaffCreateSchema>;

type StaffRole = "finance" | "support";
interface Link {
  url: string;
  expiresAt: Date;
}

export type StaffCreateOutcome =
  | { kind: "created"; userId: string; email: string; role: StaffRole; link: Link }
  /** The email is already this role's staff member: nothing changes but a fresh link. */
  | { kind: "existing"; userId: string; email: string; role: StaffRole; link: Link }
  | { kind: "refused"; email: string; reason: "customer" | "other_role" | "disabled"; role: StaffRole | null };

/**
 * Creates a staff user with no password and a one-time sign-in link, audited as the
 * system acting from the command line. A customer's email never becomes staff (staff and
 * customer identities stay apart: a staff user is taken to the staff console and sees no
 * account), nor does an existing staff member change role here. Re-running it for the same
 * staff member only issues a new link: the way back in for a first operator whose link
 * expired before email delivery was set up.
 */
export async function createStaffUser(db: Db, input: StaffCreateInput, now: Date): Promise<StaffCreateOutcome> {
  const { email, role, name, locale } = StaffCreateSchema.parse(input);
  return withTx(db, async (tx) => {
    // Two runs at once: the unique index on lower(email) lets one insert; the other reads its row.
    const [created] = await tx
      .insert(users)
      .values({ email, name: name ?? email.split("@")[0]!, locale, staffRole: role, passwordHash: null })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (created) {
      await audit(tx, { actorKind: "system", action: "staff.user.create", targetType: "user", targetId: created.id, data: { via: "cli", email, role, locale } });
      return { kind: "created", userId: created.id, email, role, link: await issueSignInLink(tx, created.id, now) };
    }
    const [user] = await tx
      .select({ id: users.id, staffRole: users.staffRole, disabled: users.disabled })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    if (!user) throw new Error(`no user ${email} after a conflict on its email`);
    if (!user.staffRole) return { kind: "refused", email, reason: "customer", role: null };
    if (user.staffRole !== role) return { kind: "refused", email, reason: "other_role", role: user.staffRole };
    if (user.disabled) return { kind: "refused", email, reason: "disabled", role: user.staffRole };
    await audit(tx, { actorKind: "system", action: "staff.user.sign_in_link", targetType: "user", targetId: user.id, data: { via: "cli", email } });
    return { kind: "existing", userId: user.id, email, role, link: await issueSignInLink(tx, user.id, now) };
  });
}
