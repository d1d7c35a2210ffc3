import { z } from 'zod';

// Responses not (yet) in @insignia/contract. Move them there when the server shares them.

/** `GET /api/config/public`: what any visitor may know about this deployment. */
export const publicConfigSchema = z.object({
  network: z.string(),
  localValidator: z.boolean(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;

/** `GET /api/admin/overview`. */
export const adminOverviewSchema = z.object({
  users: z.number().int().nonnegative(),
  admins: z.number().int().nonnegative(),
});
