/**
 * Why the server closed a live socket, as WebSocket close codes (4000–4999 are the
 * application's own) with a reason a person can read. The web client treats the session codes
 * as "ask the API whether the session still stands".
 */
export const liveClose = {
  sessionEnded: { code: 4401, reason: 'session ended' },
  tokenExpired: { code: 4402, reason: 'token expired' },
  roleChanged: { code: 4403, reason: 'role changed' },
  tooManyForUser: { code: 4429, reason: 'too many connections for this account' },
  // 1013 is the standard "try again later".
  serverFull: { code: 1013, reason: 'server at connection capacity; try again later' },
} as const;

export type LiveCloseReason = (typeof liveClose)[keyof typeof liveClose];
