import type { WebhookSender } from '../webhooks/webhook-sender.ts';
import type { DomainEvent, EventSink } from './domain-event.ts';

/**
 * Every domain event as a signed HTTP webhook to each configured URL. The relay only queues
 * the delivery (in its own transaction, keyed by event and URL, so a republished batch queues
 * nothing twice); the webhook worker sends, signs, retries and logs it.
 */
export function createWebhookEventSink(options: {
  urls: string[];
  webhooks: Pick<WebhookSender, 'enqueue'>;
}): EventSink {
  return {
    name: 'webhooks',
    async publish(events: DomainEvent[], tx) {
      for (const event of events) {
        for (const url of options.urls) {
          await options.webhooks.enqueue(
            {
              url,
              eventType: event.type,
              eventId: event.id,
              payload: {
                id: event.id,
                type: event.type,
                key: event.key,
                payload: event.payload,
                createdAt: event.createdAt.toISOString(),
              },
              dedupeKey: `event:${event.id}:${url}`,
            },
            { tx },
          );
        }
      }
    },
  };
}
