import { z } from 'zod';

/** `POST /api/admin/users/:id/sessions/end`: how many of the user's sessions were still live. */
export const endSessionsResponseSchema = z.object({ endedSessions: z.number().int().min(0) });
export type EndSessionsResponse = z.infer<typeof endSessionsResponseSchema>;
