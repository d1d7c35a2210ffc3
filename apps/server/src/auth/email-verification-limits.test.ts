import { describe, expect, it } from 'vitest';
import { nextSendAt } from './email-verification-service.ts';

const at = new Date('2026-12-04T12:00:00Z');
const minutesAgo = (m: number) => new Date(at.getTime() - m * 60_000);

describe('when the next verification code may be sent', () => {
  it('now, when none was sent in the last day', () => {
    expect(nextSendAt([], at)).toEqual(at);
  });

  it('a minute after the last one', () => {
    expect(nextSendAt([minutesAgo(0.5)], at)).toEqual(new Date(at.getTime() + 30_000));
  });

  it('an hour after the fifth-newest, once five went out within the hour', () => {
    const sent = [2, 10, 20, 30, 40].map(minutesAgo);
    expect(nextSendAt(sent, at)).toEqual(new Date(minutesAgo(40).getTime() + 60 * 60_000));
  });

  it('a day after the tenth-newest, once ten went out within the day', () => {
    const sent = [70, 140, 210, 280, 350, 420, 490, 560, 630, 700].map(minutesAgo);
    expect(nextSendAt(sent, at)).toEqual(new Date(minutesAgo(700).getTime() + 24 * 60 * 60_000));
  });
});
