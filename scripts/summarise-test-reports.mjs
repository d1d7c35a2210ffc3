// Adds up vitest JSON reports into the one closing line CI reads:
// "N passed, N failed, N skipped". Lint/typecheck failures count as one failure each run.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const staticFailed = Number(args.pop() ?? 0);
let passed = 0;
let failed = staticFailed;
let skipped = 0;

for (const file of args) {
  if (!existsSync(file)) {
    console.log(`missing report ${file}: counting the run as failed`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A suite that crashed before running its tests has no test results but still failed.
  failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
