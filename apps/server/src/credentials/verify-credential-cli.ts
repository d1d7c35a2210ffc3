import { readFile } from 'node:fs/promises';
import { checkCredential, type CredentialCheckPolicy } from './check-credential.ts';
import { readStatusListBit } from './read-status-list.ts';

/**
 * `npm run verify-credential -- [--offline] file.json`: checks an Open Badges 3.0 credential
 * with no database and no server of ours: signature, issuer (the DID and name it claims, signed
 * by that DID's key), revocation (its status list fetched over HTTP(S) and verified) and
 * validity period. Exit 0: verified; 1: not verified; 2: usage or file error.
 */
const FETCH_TIMEOUT_MS = 10_000;
const usage = 'usage: npm run verify-credential -- [--offline] <credential.json>';

async function fetchJson(url: string): Promise<unknown> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not an http(s) URL');
  const res = await fetch(parsed, {
    headers: { accept: 'application/ld+json, application/json' },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

async function main(argv: string[]): Promise<number> {
  const offline = argv.includes('--offline');
  const files = argv.filter((a) => a !== '--offline');
  const [path] = files;
  if (files.length !== 1 || !path || path.startsWith('-')) {
    console.error(usage);
    return 2;
  }
  let credential: unknown;
  try {
    credential = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    console.error(`cannot read ${path}: ${(error as Error).message}`);
    return 2;
  }
  const policy: CredentialCheckPolicy = {
    // No database here: the issuer is who the credential says, proven by that DID's own key.
    issuer: ({ id, name }) =>
      id.startsWith('did:key:')
        ? {
            ok: true,
            message: `Claims to be ${name ?? 'an unnamed issuer'} (${id}); signed by that DID's key.`,
          }
        : { ok: false, message: `Issued by ${id}: only did:key issuers can be checked here.` },
    async readStatus(entry, issuerId) {
      if (offline) return { state: 'skipped', message: 'Skipped (--offline): revocation was not checked.' };
      let list: unknown;
      try {
        list = await fetchJson(entry.listUrl);
      } catch (error) {
        return {
          state: 'unchecked',
          message: `Not checked: ${entry.listUrl} could not be fetched (${(error as Error).message}).`,
        };
      }
      return readStatusListBit(list, entry, issuerId);
    },
  };
  const result = await checkCredential(credential, policy);
  for (const c of result.checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.check.padEnd(9)} ${c.message}`);
  if (result.issuer) console.log(`issuer    ${result.issuer.name ?? '(no name)'} ${result.issuer.id}`);
  console.log(
    result.verified
      ? `VERIFIED${offline ? ' (revocation not checked)' : ''}: ${result.credential.name ?? 'credential'}`
      : `NOT VERIFIED: ${result.status} (failed: ${result.checks
          .filter((c) => !c.ok)
          .map((c) => c.check)
          .join(', ')})`,
  );
  return result.verified ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
