import { describe, expect, it } from 'vitest';
import { createWakeSignal } from './wake-signal.ts';

describe('createWakeSignal', () => {
  it('calls every listener on wake until it stops listening', () => {
    const signal = createWakeSignal();
    signal.wake(); // nobody listens yet: a no-op
    const heard: string[] = [];
    const stopA = signal.listen(() => heard.push('a'));
    signal.listen(() => heard.push('b'));
    signal.wake();
    stopA();
    signal.wake();
    expect(heard).toEqual(['a', 'b', 'b']);
  });
});
