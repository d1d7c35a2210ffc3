/**
 * CPU and wall time per password hash at each scrypt cost Insignia might use, measured in one
 * run so the figures compare (this machine is shared: read the ratios, not the absolutes).
 * A login or registration costs one hash; the CPU is on libuv's thread pool, not the event loop.
 * Run: `npx tsx bench/auth/password-cost.ts` (BENCH_HASHES per cost, default 8).
 */
import { performance } from 'node:perf_hooks';
import {
  createPasswordHasher,
  RECOMMENDED_SCRYPT_COST,
  type ScryptCost,
} from '../../apps/server/src/auth/password.ts';

const hashes = Number(process.env.BENCH_HASHES ?? 8);
const costs: ScryptCost[] = [
  { log2N: 14, r: 8, p: 1 },
  { log2N: 15, r: 8, p: 1 },
  { log2N: 16, r: 8, p: 1 },
  RECOMMENDED_SCRYPT_COST,
];

console.log(`scrypt, ${hashes} hashes per cost, one at a time`);
console.log('cost              memory    CPU ms/hash  wall ms/hash  ratio to default');
const rows: Array<{ label: string; mib: number; cpuMs: number; wallMs: number }> = [];
for (const cost of costs) {
  const hasher = createPasswordHasher(cost);
  await hasher.hash('warm up'); // the first call pays for thread start-up
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < hashes; i++) await hasher.hash(`password ${i}`);
  const used = process.cpuUsage(cpu);
  rows.push({
    label: `N=2^${cost.log2N} r=${cost.r} p=${cost.p}`,
    mib: (128 * 2 ** cost.log2N * cost.r) / 2 ** 20,
    cpuMs: (used.user + used.system) / 1000 / hashes,
    wallMs: (performance.now() - start) / hashes,
  });
}
const base = rows.at(-1)!.cpuMs;
for (const r of rows)
  console.log(
    `${r.label.padEnd(18)}${`${r.mib} MiB`.padStart(8)}${r.cpuMs.toFixed(0).padStart(13)}${r.wallMs
      .toFixed(0)
      .padStart(14)}${(r.cpuMs / base).toFixed(2).padStart(18)}`,
  );
