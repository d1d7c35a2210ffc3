import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chain, KeyOrigin } from '../app/create-chain.ts';
import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { recordChainIdentity } from './chain-identity-store.ts';

export type ChainIdentityName = 'authority_public_key' | 'vault_public_key' | 'genesis_hash';
export type ChainIdentity = Record<ChainIdentityName, string>;

/** Where this start's chain and keys came from, for the message that says what to restore. */
export type ChainIdentitySources = Readonly<{
  keys: Record<'authority' | 'vault', KeyOrigin>;
  /** The bundled validator's folder, or undefined when SOLANA_RPC_URLS names the cluster. */
  localChainDir: string | undefined;
}>;

function describeKeyProblem(role: 'authority' | 'vault', expected: string, found: string, origin: KeyOrigin) {
  const what = role === 'authority' ? 'platform authority key' : 'vault key';
  const where =
    origin.source === 'env' ? `the ${origin.setting} setting` : `the keypair file ${origin.file ?? '?'}`;
  const generated =
    origin.source === 'generated'
      ? ' (the file was missing, so a new key was generated; it is removed again)'
      : '';
  const why =
    role === 'authority'
      ? 'every level NFT and badge names it as its authority, so upgrades, burns and claims fail with another'
      : 'unclaimed badges sit in its token accounts, so claims fail with another';
  return `The ${what} is not the one this database was set up with: expected public key ${expected}, found ${found}${generated}. Restore ${where} with the keypair whose public key is ${expected} (${why}), then start again.`;
}

function describeGenesisProblem(expected: string, found: string, localChainDir: string | undefined) {
  const restore = localChainDir
    ? `The bundled validator's chain state in ${localChainDir} was lost or replaced: restore that folder from a backup.`
    : `SOLANA_RPC_URLS points at another cluster: point it at the cluster whose genesis hash is ${expected}.`;
  return `Genesis hash mismatch: the Solana cluster's genesis hash is ${found}, and this database expects ${expected}. ${restore} Every NFT and badge the database records is on that chain; to start afresh on purpose, start with a new, empty database too.`;
}

/** Pure: what is wrong between the identity the database recorded and the one this start found. */
export function compareChainIdentity(
  recorded: Partial<ChainIdentity>,
  found: Partial<ChainIdentity>,
  sources: ChainIdentitySources,
): string[] {
  const problems: string[] = [];
  const check = (name: ChainIdentityName, describe: (expected: string, actual: string) => string) => {
    const expected = recorded[name];
    const actual = found[name];
    if (expected !== undefined && actual !== undefined && expected !== actual)
      problems.push(describe(expected, actual));
  };
  check('authority_public_key', (e, f) => describeKeyProblem('authority', e, f, sources.keys.authority));
  check('vault_public_key', (e, f) => describeKeyProblem('vault', e, f, sources.keys.vault));
  check('genesis_hash', (e, f) => describeGenesisProblem(e, f, sources.localChainDir));
  return problems;
}

/**
 * Records the authority and vault public keys and the cluster's genesis hash at the first start
 * (several instances starting at once record the same values; the first insert wins), and on
 * every later start refuses with a `CHAIN__IDENTITY_MISMATCH` error saying what to restore when any
 * differs. A key this start generated for a missing file is removed again before refusing, so
 * the file can simply be restored.
 */
export async function checkChainIdentity(deps: {
  db: Db;
  chain: Chain;
  dataDir: string;
  logger: Logger;
}): Promise<void> {
  const { db, chain } = deps;
  const genesisHash = await chain.rpc.rpc
    .getGenesisHash()
    .send()
    .catch((e: unknown) => {
      if (!isAppError(e, 'CHAIN__RPC_UNAVAILABLE')) throw e;
      // An RPC outage must not keep the API down: the keys are still checked, the cluster next start.
      deps.logger.warn('the Solana RPC is unreachable: the genesis hash is not checked at this start');
      return undefined;
    });
  const found: Partial<ChainIdentity> = {
    authority_public_key: chain.authority.address,
    vault_public_key: chain.vault.address,
    ...(genesisHash ? { genesis_hash: genesisHash } : {}),
  };
  const recorded: Partial<ChainIdentity> = await recordChainIdentity(db, found);
  const sources: ChainIdentitySources = {
    keys: chain.keyOrigins,
    localChainDir: chain.localValidator ? join(deps.dataDir, 'chain') : undefined,
  };
  const problems = compareChainIdentity(recorded, found, sources);
  if (problems.length === 0) return;
  const wrongKeys = [
    ['authority', recorded.authority_public_key !== found.authority_public_key],
    ['vault', recorded.vault_public_key !== found.vault_public_key],
  ] as const;
  for (const [role, wrong] of wrongKeys) {
    const origin = chain.keyOrigins[role];
    if (wrong && origin.source === 'generated' && origin.file) await rm(origin.file, { force: true });
  }
  throw new AppError(
    'CHAIN__IDENTITY_MISMATCH',
    { problems },
    {
      message: `Insignia refuses to start: the chain state does not match this database.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    },
  );
}
