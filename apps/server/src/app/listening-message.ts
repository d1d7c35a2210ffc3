/** A worker process tells the primary it is serving, and on which port (PORT=0 picks one). */
export interface ListeningMessage {
  type: 'insignia:listening';
  port: number;
}

/** Sent by a worker once its HTTP server listens. */
export function reportListening(port: number): void {
  const message: ListeningMessage = { type: 'insignia:listening', port };
  process.send?.(message);
}

export function isListeningMessage(m: unknown): m is ListeningMessage {
  return (
    typeof m === 'object' &&
    m !== null &&
    (m as Partial<ListeningMessage>).type === 'insignia:listening' &&
    typeof (m as Partial<ListeningMessage>).port === 'number'
  );
}
