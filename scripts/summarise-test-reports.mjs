// Adds up vitest JSON reports into the one closing line CI reads:
// "N passed, N failed, N skipped". Lint/typecheck failures count as one failure each run.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const staticFailed = Number(args.pop() ?? 0);
let passed = 0;
let failed = staticFailed;
let skipped = 0;
const failures = [];

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
  for (const suite of report.testResults) {
    // A suite that crashed before running its tests has no test results but still failed.
    if (suite.status === 'failed' && suite.assertionResults.length === 0) {
      failed += 1;
      failures.push(`${suite.name}: ${firstLine(suite.message)}`);
    }
    for (const test of suite.assertionResults) {
      if (test.status === 'failed')
        failures.push(`${suite.name} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
}

// CI logs are often read from the tail: name what failed right above the summary line.
if (failures.length > 0) {
  console.log('\nfailed:');
  for (const failure of failures) console.log(`  ${failure.replace(process.cwd() + '/', '')}`);
}

function firstLine(text) {
  return (
    (text ?? 'no message')
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim()
      .slice(0, 300) ?? 'no message'
  );
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
