import { readFile } from 'node:fs/promises';
import { checkCredential, type CredentialCheckPolicy } from './check-credential.ts';
import { readStatusListBit } from './read-status-list.ts';

/**
 * `npm run verify-credential -- [--offline] [--issuer did:key:…] file.json`: checks an Open
 * Badges 3.0 credential with no database: signature, issuer, revocation (its status list fetched
 * over HTTP(S) and verified) and validity period. Anyone can sign a credential with their own
 * did:key and any name, so the issuer is confirmed against a DID the person trusts: the one given
 * with `--issuer`, or else the one the issuer's own URL publishes (the URL is then what you trust,
 * as with a website). Exit 0: verified; 1: not verified; 2: usage or file error.
 */
const FETCH_TIMEOUT_MS = 10_000;
const usage = 'usage: npm run verify-credential -- [--offline] [--issuer did:key:…] <credential.json>';

/** Where an Insignia deployment publishes its issuer profile, under its public URL. */
const issuerProfileUrl = (url: string) => `${url.replace(/\/+$/, '')}/api/public/credentials/issuer`;

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

function parseArgs(argv: string[]) {
  const files: string[] = [];
  let offline = false;
  let pinned: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--offline') offline = true;
    else if (arg === '--issuer') {
      pinned = argv[++i];
      if (!pinned?.startsWith('did:')) return undefined;
    } else if (arg.startsWith('-')) return undefined;
    else files.push(arg);
  }
  const [path] = files;
  return files.length === 1 && path ? { path, offline, pinned } : undefined;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    console.error(usage);
    return 2;
  }
  const { path, offline, pinned } = args;
  let credential: unknown;
  try {
    credential = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    console.error(`cannot read ${path}: ${(error as Error).message}`);
    return 2;
  }
  const policy: CredentialCheckPolicy = {
    async issuer({ id, name, url }) {
      const who = name ?? 'an unnamed issuer';
      if (pinned)
        return id === pinned
          ? { ok: true, message: `Issued by ${who} (${id}), the DID you gave.` }
          : { ok: false, message: `Issued by ${id}, not by the DID you gave (${pinned}).` };
      if (offline)
        return {
          ok: false,
          message: `Not confirmed (--offline): it claims ${who} (${id}); pass --issuer with the DID you expect.`,
        };
      if (!url) return { ok: false, message: `It names no issuer URL to confirm ${id}; pass --issuer.` };
      let published: unknown;
      try {
        published = await fetchJson(issuerProfileUrl(url));
      } catch (error) {
        return {
          ok: false,
          message: `Not confirmed: ${url} did not say its DID (${(error as Error).message}).`,
        };
      }
      const publishedId = (published as { id?: unknown } | null)?.id;
      return publishedId === id
        ? { ok: true, message: `Issued by ${who} at ${url} (${id}, the DID ${url} publishes).` }
        : { ok: false, message: `It claims ${url}, but ${url} publishes another DID than ${id}.` };
    },
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
