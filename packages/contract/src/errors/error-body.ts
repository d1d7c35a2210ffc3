import { z } from 'zod';
import { errorCodes } from './error-catalogue.ts';

/** A stored or returned error code; parsing refuses a code this version does not know. */
export const errorCodeSchema = z.enum(errorCodes);

/** Body of every non-2xx response. `code` is stable and machine-readable. */
export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
