"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { createPlatformKey } from "@/lib/api/keys";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { plainText } from "@/lib/validation/text";

const DAY_MS = 86_400_000;

const CreatePlatformKeySchema = z.object({
  name: plainText().trim().min(1, "platformKeys.errors.name").max(80, "platformKeys.errors.name"),
  /** A date (YYYY-MM-DD) from the form; empty for no expiry. The key works to the end of that day, UTC. */
  expiresOn: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "platformKeys.errors.expires")
    .optional()
    .transform((d, ctx) => {
      if (!d) return null;
      const start = new Date(`${d}T00:00:00.000Z`);
      if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== d) {
        ctx.addIssue({ code: "custom", message: "platformKeys.errors.expires" });
        return z.NEVER;
      }
      return new Date(start.getTime() + DAY_MS);
    }),
});

/** Staff-finance create a platform key; the full key is in the answer once, only its hash is kept. */
export const createPlatformKeyAction = staffAction(
  { schema: CreatePlatformKeySchema, permission: "staff.platform_keys.manage", revalidate: ["/staff/platform-keys"] },
  async ({ db, input, user, ip }) => {
    // The domain refuses a past expiry too (in English); here the form gets its message key.
    if (input.expiresOn && input.expiresOn.getTime() <= clockNow().getTime()) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { expiresOn: ["platformKeys.errors.expires"] });
    const { id, key, prefix } = await db.transaction((tx) => createPlatformKey(tx, { name: input.name, expiresAt: input.expiresOn, userId: user.id, ip }));
    return { id, key, prefix, name: input.name };
  },
);
