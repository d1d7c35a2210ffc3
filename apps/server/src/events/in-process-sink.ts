import type { DomainEvent, EventSink } from './domain-event.ts';

export type EventHandler = (event: DomainEvent) => void | Promise<void>;

/**
 * Subscribers inside this process (WebSocket pushes, cache invalidation). A handler that
 * throws fails the batch, so it is retried like any sink.
 */
export function createInProcessSink() {
  const handlers = new Map<string, Set<EventHandler>>();

  /** Calls `handler` for each event of `type` (`'*'`: every event) until the returned function is called. */
  function subscribe(type: string, handler: EventHandler): () => void {
    const set = handlers.get(type) ?? new Set<EventHandler>();
    set.add(handler);
    handlers.set(type, set);
    return () => set.delete(handler);
  }

  const sink: EventSink = {
    name: 'in-process',
    async publish(events) {
      for (const event of events) {
        for (const h of handlers.get(event.type) ?? []) await h(event);
        for (const h of handlers.get('*') ?? []) await h(event);
      }
    },
  };

  return { sink, subscribe };
}
