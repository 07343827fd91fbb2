import { ApiError } from "@/lib/api/errors";
import { z } from "@/lib/validations/zod";

/** A route's path segments checked like a body: a bad one is a 422 naming it, not a lookup of nonsense. */
export function parseParams<S extends z.ZodType>(schema: S, params: Record<string, string>): z.output<S> {
  const r = schema.safeParse(params);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) fields[i.path.join(".") || "_"] ??= i.message;
  throw new ApiError("validation_failed", "Some parts of the address are not valid.", fields);
}
