import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningServer } from './start-server.ts';

/**
 * The code in the newest verification email to `email`, read from the server's mail outbox
 * (embedded mode writes each email there as an `.eml` file). Waits for the mail worker.
 */
export async function readEmailedCode(
  server: Pick<RunningServer, 'dataDir'>,
  email: string,
  options: { after?: Set<string>; timeoutMs?: number } = {},
): Promise<string> {
  const dir = join(server.dataDir, 'outbox');
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
    for (const name of names.reverse()) {
      if (options.after?.has(name)) continue;
      const eml = await readFile(join(dir, name), 'utf8');
      if (!new RegExp(`^To: .*${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'im').test(eml)) continue;
      const code = /^Code:\s*(\d{6})\s*$/m.exec(eml)?.[1];
      if (code) return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no verification email to ${email} in the outbox`);
}
