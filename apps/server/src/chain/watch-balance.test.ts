import { generateKeyPairSigner, type GetBalanceApi, type Rpc } from '@solana/kit';
import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { watchBalance } from './watch-balance.ts';

describe('watchBalance', () => {
  it('sets the gauge and warns once per crossing below the threshold', async () => {
    const balances = [5_000_000n, 500n, 400n, 9_000_000n];
    const rpc = {
      getBalance: () => ({
        send: () => Promise.resolve({ context: { slot: 1n }, value: balances.shift() ?? 0n }),
      }),
    } as unknown as Rpc<GetBalanceApi>;
    const registry = new Registry();
    const gauge = new Gauge({
      name: 'insignia_sol_balance_lamports',
      help: 'h',
      labelNames: ['key'],
      registers: [registry],
    });
    const logs: { level: string; msg: string }[] = [];
    const logger = {
      warn: (_: object, msg: string) => void logs.push({ level: 'warn', msg }),
      info: (_: object, msg: string) => void logs.push({ level: 'info', msg }),
    };
    const { address } = await generateKeyPairSigner();
    const watch = watchBalance({
      rpc,
      address,
      lowLamports: 1_000n,
      gauge,
      labels: { key: 'authority' },
      logger,
      intervalMs: 3_600_000,
    });
    watch.stop();
    await new Promise((r) => setTimeout(r, 10)); // the initial check
    await watch.check();
    await watch.check();
    await watch.check();
    expect(logs.map((l) => l.level)).toEqual(['warn', 'info']);
    expect(await registry.getSingleMetricAsString('insignia_sol_balance_lamports')).toContain(
      'key="authority"} 9000000',
    );
  });
});
