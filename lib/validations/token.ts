import { z } from "@/lib/validations/zod";

export const createTokenBodySchema = z.object({
  name: z
    .string({ error: "Give the token a name." })
    .trim()
    .min(1, "Give the token a name.")
    .max(64, "At most 64 characters.")
    .regex(/^[\p{L}\p{N} ._:@-]+$/u, "Use letters, digits, spaces and . _ : @ - only."),
  expiresInDays: z
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "At least 1 day.")
    // The platform's cap (PILOTHOUSE_TOKEN_MAX_DAYS, usually lower) is checked when the token is made.
    .max(36_500, "At most 36500 days.")
    .nullable()
    .optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;
