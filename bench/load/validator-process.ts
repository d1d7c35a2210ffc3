import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createSolanaRpc, getBase58Decoder, lamports, type Address } from '@solana/kit';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ValidatorProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The bundled local validator as its own process (`npm run validator`), the way a server talks
 * to a real cluster: over the network, on other cores than the API's.
 */
export async function startValidatorProcess(dataDir: string): Promise<ValidatorProcess> {
  // BENCH_VALIDATOR_NODE_ARGS: node flags for the validator (e.g. `--cpu-prof --cpu-prof-dir=prof`).
  const nodeArgs = process.env.BENCH_VALIDATOR_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'packages/local-validator/src/cli.ts'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SOLANA_LOCAL_PORT: '0', DATA_DIR: dataDir },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const url = /RPC (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
    if (url) {
      return {
        url,
        pid: child.pid!,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the validator did not start:\n${output.slice(-3_000)}`);
}

/** A new keypair as the server reads it from AUTHORITY_KEYPAIR/VAULT_KEYPAIR, funded on `rpcUrl`. */
export async function fundedKeypair(
  rpcUrl: string,
  sol: bigint,
): Promise<{ json: string; address: Address }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const address = getBase58Decoder().decode(pub) as Address;
  await createSolanaRpc(rpcUrl)
    .requestAirdrop(address, lamports(sol * 1_000_000_000n))
    .send();
  return { json: JSON.stringify([...seed, ...pub]), address };
}
