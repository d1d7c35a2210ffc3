import { z } from 'zod';

/** Who a webhook destination serves: the admin webhook (claim requests) or an events webhook. */
export const webhookDestinationPurposeSchema = z.enum(['admin', 'events']);

/** One configured webhook URL and the secret its receiver verifies signatures with. */
export const webhookDestinationSchema = z.object({
  url: z.string(),
  purpose: webhookDestinationPurposeSchema,
  /** Derived from `WEBHOOK_SECRET` for this URL alone; paste it into the receiver. */
  secret: z.string(),
});
export type WebhookDestination = z.infer<typeof webhookDestinationSchema>;

export const webhookDestinationsSchema = z.object({ items: z.array(webhookDestinationSchema) });
export type WebhookDestinations = z.infer<typeof webhookDestinationsSchema>;
