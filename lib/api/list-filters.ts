import { AppError } from "@/lib/errors";

/**
 * A list filter that takes several values of a fixed set, as `name=a,b` or `name=a&name=b`:
 * the distinct values, null when none is given, or a 400 naming the parameter when one is not
 * in `allowed`.
 */
export function enumListParam<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T[] | null {
  const values = query.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  if (!values.length) return null;
  if (values.length > allowed.length * 2 || !values.every((v) => (allowed as readonly string[]).includes(v))) {
    const message = `${name} must be one or more of: ${allowed.join(", ")} (comma-separated or repeated).`;
    throw new AppError("VALIDATION", message, { [name]: [message] });
  }
  return [...new Set(values as T[])];
}
