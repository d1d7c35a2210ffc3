import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the harness runs from any cwd. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
