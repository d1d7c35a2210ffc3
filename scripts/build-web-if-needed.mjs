// Builds the web app when its output is missing or older than its sources, so `npm start`
// on a fresh clone serves the app and later starts skip the build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = 'apps/web';
const output = join(web, 'dist', 'index.html');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), 0);
}

const sources = ['src', 'index.html', 'vite.config.ts', 'public']
  .map((p) => join(web, p))
  .filter(existsSync)
  .concat(['packages/contract/src']);

const stale = !existsSync(output) || sources.some((s) => newestMtime(s) > statSync(output).mtimeMs);
if (stale) {
  console.log('Building the web app…');
  execSync('npm run build -w @insignia/web', { stdio: 'inherit' });
} else {
  console.log('Web app is up to date.');
}
