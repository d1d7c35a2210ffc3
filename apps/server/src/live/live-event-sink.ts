import type { EventSink } from '../events/domain-event.ts';
import { toLiveMessage } from './live-events.ts';
import type { AddressedLiveMessage } from './live-hub.ts';

/**
 * The events people watch, pushed to their sockets: a relayed batch goes to every instance as
 * one message (one Redis publish, one delivery each) rather than one per event.
 */
export function createLiveEventSink(live: {
  publishMany(messages: AddressedLiveMessage[]): Promise<void>;
}): EventSink {
  return {
    name: 'live',
    async publish(events) {
      const messages = events.map(toLiveMessage).filter((m): m is AddressedLiveMessage => m !== undefined);
      await live.publishMany(messages);
    },
  };
}
