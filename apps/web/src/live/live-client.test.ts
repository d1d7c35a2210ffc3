import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveClient, type LiveConnectionStatus, type LiveMessage } from './live-client.ts';

/** Just enough of a browser WebSocket to drive the client by hand. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event?: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {
    this.closed = true;
    this.onclose?.();
  }
  open() {
    this.onopen?.();
  }
  receive(value: unknown) {
    this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) });
  }
  drop(code = 1006) {
    this.onclose?.({ code });
  }
}

describe('live client', () => {
  let messages: LiveMessage[];
  let statuses: LiveConnectionStatus[];
  let token: string | null;
  const start = () => {
    const client = createLiveClient({
      getToken: () => token,
      onMessage: (m) => messages.push(m),
      onStatus: (s) => statuses.push(s),
      url: (t) => `ws://test/api/ws?token=${encodeURIComponent(t)}`,
      // Jitter pinned to half of each back-off ceiling.
      random: () => 0.5,
      WebSocket: FakeSocket as unknown as typeof WebSocket,
    });
    client.start();
    return client;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    messages = [];
    statuses = [];
    token = 'session token';
  });
  afterEach(() => vi.useRealTimers());

  it('connects with the token in the query and delivers each event once', () => {
    start();
    const socket = FakeSocket.all[0]!;
    expect(socket.url).toBe('ws://test/api/ws?token=session%20token');
    socket.open();
    socket.receive({ event: 'ready', data: { userId: 'u' } });
    socket.receive({ event: 'nft:claim_success', id: 'e1', data: { requestId: 'r' } });
    socket.receive({ event: 'nft:claim_success', id: 'e1', data: { requestId: 'r' } });
    socket.receive('not json');
    expect(messages.map((m) => m.event)).toEqual(['ready', 'nft:claim_success']);
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('drops a message that is not in the contract', () => {
    start();
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ event: 'nft:mystery', id: 'e1', data: {} });
    socket.receive({ event: 'issuance:progress', id: 'e2', data: { status: 'running' } }); // no batchId
    socket.receive({ event: 'issuance:progress', id: 'e3', data: { batchId: 'b', status: 'running' } });
    expect(messages).toEqual([
      { event: 'issuance:progress', id: 'e3', data: { batchId: 'b', status: 'running' } },
    ]);
  });

  it('reconnects after a drop, backing off, and stops for good when stopped', () => {
    const client = start();
    FakeSocket.all[0]!.drop();
    expect(statuses.at(-1)).toBe('offline');
    vi.advanceTimersByTime(499); // half of 1 s
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.drop();
    vi.advanceTimersByTime(999); // half of 2 s
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.all[2]!.open(); // a success resets the back-off
    FakeSocket.all[2]!.drop();
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(4);

    client.stop();
    expect(FakeSocket.all[3]!.closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(4);
  });

  it('spreads reconnecting clients apart and never waits longer than the cap', () => {
    const reconnectTimes = (random: () => number) => {
      FakeSocket.all = [];
      const client = createLiveClient({
        getToken: () => token,
        onMessage: () => undefined,
        url: () => 'ws://test/api/ws',
        maxDelayMs: 4_000,
        random,
        WebSocket: FakeSocket as unknown as typeof WebSocket,
      });
      client.start();
      // The server stays down: every attempt is refused. Record when each new attempt starts.
      const times: number[] = [];
      for (let elapsed = 0; elapsed <= 40_000 && times.length < 8; elapsed += 10) {
        const count = FakeSocket.all.length;
        if (FakeSocket.all.at(-1)!.onclose) FakeSocket.all.at(-1)!.drop();
        vi.advanceTimersByTime(10);
        if (FakeSocket.all.length > count) times.push(elapsed + 10);
      }
      client.stop();
      return times.map((t, i) => t - (times[i - 1] ?? 0));
    };
    const eager = reconnectTimes(() => 0.1);
    const patient = reconnectTimes(() => 0.9);
    expect(eager).toHaveLength(8);
    expect(patient).toHaveLength(8);
    // Same failures, different dice: the two do not come back at the same moments.
    expect(eager[0]).toBeLessThan(patient[0]!);
    // Waits grow, then stop growing at the cap (0.9 × 4 s, to within the 10 ms step).
    expect(patient[1]!).toBeGreaterThan(patient[0]!);
    expect(Math.max(...patient)).toBeLessThanOrEqual(3_610);
    expect(patient.at(-1)!).toBeGreaterThanOrEqual(3_590);
  });

  it('asks about the session when a socket is refused, not when an open one drops', () => {
    let failed = 0;
    const client = createLiveClient({
      getToken: () => token,
      onMessage: () => undefined,
      onConnectFailed: () => failed++,
      url: () => 'ws://test/api/ws',
      WebSocket: FakeSocket as unknown as typeof WebSocket,
    });
    client.start();
    FakeSocket.all[0]!.drop(); // refused before opening (a 401 looks like this)
    expect(failed).toBe(1);
    vi.advanceTimersByTime(1000);
    FakeSocket.all[1]!.open();
    FakeSocket.all[1]!.drop(); // a connection that worked and then broke
    expect(failed).toBe(1);
    vi.advanceTimersByTime(1000);
    FakeSocket.all[2]!.open();
    FakeSocket.all[2]!.drop(4401); // the server ended it: the session is over (logout, revoked)
    expect(failed).toBe(2);
    client.stop();
  });

  it('does not connect without a session', () => {
    token = null;
    start();
    expect(FakeSocket.all).toHaveLength(0);
    expect(statuses).toEqual(['offline']);
  });
});
