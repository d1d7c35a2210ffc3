/**
 * CPU per Open Badges 3.0 credential signed, per credential verified, and per revocation status
 * list (re)signed, in one process, with the node-crypto signer the platform authority uses.
 * A credential is signed once (on its first request, then stored); verification runs on every
 * `/credential/verification` and `POST /api/public/credentials/verify`; a status list is
 * re-signed once per change of its revocations. (This machine is shared: read the ratios.)
 * Run: `npx tsx --conditions=development bench/credentials.ts` (BENCH_OPS, default 200;
 * BENCH_REVOKED revoked bits per list, default 1000).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createSeedSigner } from '../apps/server/src/chain/seed-signer.ts';
import { buildCredential, type CredentialFacts } from '../apps/server/src/credentials/build-credential.ts';
import {
  checkCredential,
  type CredentialCheckPolicy,
} from '../apps/server/src/credentials/check-credential.ts';
import { createCredentialSigner, didKeyOf } from '../apps/server/src/credentials/issuer-key.ts';
import { signCredential } from '../apps/server/src/credentials/sign-credential.ts';
import { buildStatusListCredential } from '../apps/server/src/credentials/status-list-credential.ts';

const ops = Number(process.env.BENCH_OPS ?? 200);
const revoked = Number(process.env.BENCH_REVOKED ?? 1000);
const authority = createSeedSigner(randomBytes(32));
const signer = createCredentialSigner(authority);
const issuer = {
  did: didKeyOf(authority.address),
  name: 'Insignia',
  publicUrl: 'https://badges.example.com',
};

const facts = (i: number): CredentialFacts => ({
  issuanceId: randomUUID(),
  issuedAt: new Date(),
  validUntil: new Date(Date.now() + 365 * 86_400_000),
  statusListIndex: i + 1,
  recipientEmail: `person-${i}@example.com`,
  badge: {
    id: randomUUID(),
    name: 'Season One',
    description: 'Traded every week of the season.',
    imageUrl: 'https://badges.example.com/ipfs/bafy',
  },
  mint: { address: authority.address, signature: '5'.repeat(88), explorerTxUrl: null },
  metadataCid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
});
const policy: CredentialCheckPolicy = {
  issuer: ({ id }) => ({ ok: id === issuer.did, message: '' }),
  readStatus: () => Promise.resolve({ state: 'active', message: '' }),
};

async function measure(label: string, n: number, op: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await op(i); // warm up (JIT, context parsing caches)
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) await op(i);
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / n;
  const wallMs = (performance.now() - start) / n;
  console.log(
    `${label.padEnd(34)} ${cpuMs.toFixed(2).padStart(8)} ${wallMs.toFixed(2).padStart(9)}   (${n} ops)`,
  );
  return cpuMs;
}

console.log('operation                           CPU ms    wall ms');
const signed = await Promise.all(
  [...Array(ops).keys()].map((i) =>
    signCredential(buildCredential(facts(i), issuer, 'salt-secret-0123456789'), signer),
  ),
);
await measure('credential signed', ops, (i) =>
  signCredential(buildCredential(facts(i), issuer, 'salt-secret-0123456789'), signer),
);
const verify = await measure('credential verified (4 checks)', ops, async (i) => {
  const result = await checkCredential(signed[i % signed.length], policy);
  if (!result.verified) throw new Error('bench credential did not verify');
});
const indexes = Array.from({ length: revoked }, (_, i) => 1 + Math.floor((i * 131_071) / revoked));
await measure(`status list (${revoked} revoked) re-signed`, Math.max(10, Math.floor(ops / 10)), async () =>
  signCredential(
    await buildStatusListCredential({
      listUrl: `${issuer.publicUrl}/api/public/credentials/status/1`,
      issuerDid: issuer.did,
      revokedIndexes: indexes,
    }),
    signer,
  ),
);
console.log(`\none core verifies about ${Math.round(1000 / verify)} credentials a second`);
