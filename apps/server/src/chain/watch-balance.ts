import type { Address, GetBalanceApi, Rpc } from '@solana/kit';

/** The slice of a pino logger used here. */
export type BalanceLogger = {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
};

export type WatchBalanceInput = Readonly<{
  rpc: Rpc<GetBalanceApi>;
  address: Address;
  /** Below this, a warning is logged (once per crossing). */
  lowLamports: bigint;
  /** A prom-client Gauge; set to the balance in lamports. */
  gauge: { set(labels: Record<string, string>, value: number): void };
  /** Labels for the gauge, e.g. `{ key: 'authority' }`. */
  labels?: Record<string, string>;
  logger: BalanceLogger;
  /** Default 60 s. */
  intervalMs?: number;
}>;

export type BalanceWatch = Readonly<{
  /** Reads the balance now, updates the gauge and the low/ok state. */
  check(): Promise<bigint | undefined>;
  stop(): void;
}>;

/** Keeps a SOL balance gauge current and warns when the balance drops below `lowLamports`. */
export function watchBalance(input: WatchBalanceInput): BalanceWatch {
  let low = false;
  const labels = input.labels ?? {};
  const check = async () => {
    let lamports: bigint;
    try {
      lamports = (await input.rpc.getBalance(input.address).send()).value;
    } catch (error) {
      input.logger.warn({ err: error, address: input.address }, 'could not read SOL balance');
      return undefined;
    }
    input.gauge.set(labels, Number(lamports));
    const nowLow = lamports < input.lowLamports;
    if (nowLow && !low) {
      input.logger.warn(
        { address: input.address, lamports: lamports.toString(), lowLamports: input.lowLamports.toString() },
        'SOL balance low: add SOL',
      );
    } else if (!nowLow && low) {
      input.logger.info(
        { address: input.address, lamports: lamports.toString() },
        'SOL balance back above threshold',
      );
    }
    low = nowLow;
    return lamports;
  };
  const timer = setInterval(() => void check(), input.intervalMs ?? 60_000);
  timer.unref();
  void check();
  return { check, stop: () => clearInterval(timer) };
}
