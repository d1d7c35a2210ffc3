import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  blockhash,
  createKeyPairSignerFromPrivateKeyBytes,
  getAddressDecoder,
  getAddressEncoder,
  type Address,
  type KeyPairSigner,
} from '@solana/kit';
import { TOKEN_2022_PROGRAM_ADDRESS } from '@solana-program/token-2022';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAtomicUpgrade } from './build-atomic-upgrade.ts';
import { buildLevelNftMint, levelNftTemplates } from './build-level-nft-mint.ts';
import type { BuildContext, BuiltMessage, ComputeBudget } from './create-base-message.ts';
import { fakeBuildRpc } from './chain-test-fixtures.ts';
import { prepareTransaction } from './prepare-transaction.ts';
import { isAppError } from '../errors/app-error.ts';
import { createSeedSigner, withNodeSigning } from './seed-signer.ts';

/*
 * Templates must give, for every request, the bytes kit's builders and compiler give. Each case
 * seeds templates with a few requests of one level, builds a new request (copied from a template
 * when its order class was seeded), then clears the templates and builds it again with kit.
 */

const addressOf = (bytes: Uint8Array) => getAddressDecoder().decode(bytes);
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const party = fc.record({ owner: bytes32, mintSeed: bytes32, oldMint: bytes32 });

const budgets: ComputeBudget[] = [
  {},
  { unitPriceMicroLamports: 1_000n },
  { unitLimit: 250_000 },
  { unitPriceMicroLamports: 0n, unitLimit: 1_400_000 },
];

/** Metadata from short to long enough that the atomic upgrade no longer fits. */
const level = fc.record({
  name: fc.string({ minLength: 1, maxLength: 32, unit: 'grapheme' }),
  symbol: fc.constantFrom('INSG', 'LVL', ''),
  uri: fc.oneof(
    fc.webUrl({ size: 'small' }),
    fc.nat({ max: 400 }).map((n) => `ipfs://bafkrei${'q'.repeat(n)}`),
  ),
  level: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constantFrom('7', 'max')),
  nonTransferable: fc.constantFrom(true, false, undefined),
});

type Party = { owner: Uint8Array; mintSeed: Uint8Array; oldMint: Uint8Array };
type Meta = Readonly<{
  name: string;
  symbol: string;
  uri: string;
  level: number | string;
  nonTransferable?: boolean | undefined;
}>;

/** Message contents with signers as their addresses (no-op signers are new objects per build). */
function describeMessage(message: BuiltMessage) {
  return {
    version: message.version,
    feePayer: message.feePayer.address,
    lifetime: message.lifetimeConstraint,
    instructions: message.instructions.map((ix) => ({
      program: ix.programAddress,
      accounts: ix.accounts?.map((a) => [
        a.address,
        a.role,
        'signer' in a ? (a.signer as { address: Address }).address : null,
      ]),
      data: Buffer.from(ix.data ?? []).toString('hex'),
    })),
  };
}

async function outcome(build: () => Promise<{ message: BuiltMessage }>) {
  try {
    const built = await build();
    const prepared = await prepareTransaction(built.message);
    const { message, ...rest } = built;
    return { built: rest, message: describeMessage(message), prepared, error: undefined };
  } catch (e) {
    return { built: undefined, message: undefined, prepared: undefined, error: e };
  }
}

let authority: KeyPairSigner;
beforeAll(async () => {
  const seed = new Uint8Array(32).fill(42);
  authority = withNodeSigning(await createKeyPairSignerFromPrivateKeyBytes(seed.slice()), seed);
});

/** Fixed pseudo-random bytes, so the order classes the parties fall in do not follow a pattern. */
const fixedBytes = (label: string) => new Uint8Array(createHash('sha256').update(label).digest());
const fixedParty = (label: string): Party => ({
  owner: fixedBytes(`${label}/owner`),
  mintSeed: fixedBytes(`${label}/mint`),
  oldMint: fixedBytes(`${label}/old`),
});
/** Enough requests to seed (and verify) every order class of the atomic upgrade (3! orders). */
const seeded: Party[] = Array.from({ length: 60 }, (_, n) => fixedParty(`seed ${n}`));
const target = fixedParty('target');

/** Seeds templates with `seeds`, then builds `target` from them and again with kit only. */
async function compare(
  seeds: readonly Party[],
  target: Party,
  build: (p: Party, ctx: BuildContext) => Promise<{ message: BuiltMessage }>,
  budget: ComputeBudget,
  hash: Uint8Array,
) {
  const ctx = (h: Uint8Array): BuildContext => ({
    rpc: fakeBuildRpc(),
    computeBudget: budget,
    lifetime: { blockhash: blockhash(addressOf(h)), lastValidBlockHeight: 77n },
  });
  levelNftTemplates.clear();
  for (const seed of seeds) await outcome(() => build(seed, ctx(seed.mintSeed)));
  const before = levelNftTemplates.stats().copied;
  const fromTemplate = await outcome(() => build(target, ctx(hash)));
  const copied = levelNftTemplates.stats().copied > before;
  levelNftTemplates.clear();
  const copiedBefore = levelNftTemplates.stats().copied;
  const fromKit = await outcome(() => build(target, ctx(hash)));
  expect(levelNftTemplates.stats().copied).toBe(copiedBefore);
  expect(fromTemplate).toEqual(fromKit);
  if (fromKit.prepared) expect(fromTemplate.prepared?.wire).toBe(fromKit.prepared.wire);
  return copied;
}

const unlock = (meta: Meta, serverPays: boolean) => (p: Party, ctx: BuildContext) =>
  buildLevelNftMint(ctx, {
    ...meta,
    mint: createSeedSigner(p.mintSeed),
    authority,
    owner: addressOf(p.owner),
    ...(serverPays ? { feePayer: authority } : {}),
  });

const upgrade = (meta: Meta) => (p: Party, ctx: BuildContext) =>
  buildAtomicUpgrade(ctx, {
    ...meta,
    mint: createSeedSigner(p.mintSeed),
    authority,
    owner: addressOf(p.owner),
    oldMint: addressOf(p.oldMint),
  });

describe('level NFT message templates', () => {
  it('unlock: the template path gives kit’s bytes, signatures and refusals', async () => {
    let copied = 0;
    await fc.assert(
      fc.asyncProperty(
        level,
        fc.boolean(),
        fc.constantFrom(...budgets),
        fc.array(party, { minLength: 2, maxLength: 5 }),
        party,
        bytes32,
        async (meta, serverPays, budget, seeds, target, hash) => {
          if (await compare(seeds, target, unlock(meta, serverPays), budget, hash)) copied++;
        },
      ),
      { numRuns: 120 },
    );
    // Not vacuous: most targets were served from a template.
    expect(copied).toBeGreaterThan(60);
  });

  it('atomic upgrade: the template path gives kit’s bytes, signatures and refusals', async () => {
    let copied = 0;
    await fc.assert(
      fc.asyncProperty(
        level,
        fc.constantFrom(...budgets),
        fc.array(party, { minLength: 10, maxLength: 20 }),
        party,
        bytes32,
        async (meta, budget, seeds, target, hash) => {
          if (await compare(seeds, target, upgrade(meta), budget, hash)) copied++;
        },
      ),
      { numRuns: 120 },
    );
    expect(copied).toBeGreaterThan(40);
  });

  it('refuses a message that does not fit exactly as kit does, template or not', async () => {
    const meta = { name: 'Level 9', symbol: 'INSG', uri: `ipfs://${'q'.repeat(500)}`, level: 9 };
    const copied = await compare(seeded, target, upgrade(meta), budgets[3]!, new Uint8Array(32).fill(5));
    expect(copied).toBe(true);
    await expect(upgrade(meta)(target, { rpc: fakeBuildRpc() })).rejects.toSatisfy((e) =>
      isAppError(e, 'CHAIN__TRANSACTION_TOO_LARGE'),
    );
  });

  it('builds with kit when a variable is also a constant or another variable', async () => {
    const meta = { name: 'L', symbol: 'S', uri: 'ipfs://x', level: 2 };
    const hash = fixedBytes('blockhash');
    const asAuthority = { ...target, owner: new Uint8Array(getAddressEncoder().encode(authority.address)) };
    const oldIsOwner = { ...target, oldMint: target.owner };
    // With every order class seeded, the target itself is copied; these two are not.
    expect(await compare(seeded, target, upgrade(meta), {}, hash)).toBe(true);
    expect(await compare(seeded, asAuthority, upgrade(meta), {}, hash)).toBe(false);
    expect(await compare(seeded, oldIsOwner, upgrade(meta), {}, hash)).toBe(false);
    expect(await compare(seeded, target, unlock(meta, false), {}, hash)).toBe(true);
    expect(await compare(seeded, asAuthority, unlock(meta, false), {}, hash)).toBe(false);
    // A server-paid mint to an owner that is also a program the message invokes.
    const programOwner = {
      ...target,
      owner: new Uint8Array(getAddressEncoder().encode(TOKEN_2022_PROGRAM_ADDRESS)),
    };
    expect(await compare(seeded, programOwner, unlock(meta, true), {}, hash)).toBe(false);
    await compare([programOwner, ...seeded], target, unlock(meta, true), {}, hash);
  });
});
