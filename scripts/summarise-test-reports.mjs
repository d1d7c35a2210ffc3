// Adds up vitest JSON reports into the one closing line CI reads:
// "N passed, N failed, N skipped". Lint/typecheck failures count as one failure each run.
// Usage: summarise-test-reports.mjs [--coverage <coverage-summary.json>] <report.json>... <static failures>
// The coverage figures are printed above that line; they never make the run fail.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const coverageAt = args.indexOf('--coverage');
const coverageFile = coverageAt >= 0 ? args.splice(coverageAt, 2)[1] : undefined;
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
        failures.push(
          `${suite.name} > ${test.fullName}: ${describeFailure(test.failureMessages?.[0], suite.name)}`,
        );
    }
  }
}

// CI logs are often read from the tail: name what failed right above the summary line.
if (failures.length > 0) {
  console.log('\nfailed:');
  for (const failure of failures) console.log(`  ${failure.replaceAll(process.cwd() + '/', '')}`);
}

/**
 * The message's first line, then what a reader of the tail needs to find the cause: what a
 * Playwright wait was waiting for, and the test file's own line the failure came from.
 */
function describeFailure(text, suiteFile) {
  const lines = (text ?? '').split('\n').map((line) => line.trim());
  const waitingFor = lines.find((line) => line.startsWith('- waiting for '));
  const file = suiteFile.split('/').pop();
  const at = lines.find((line) => line.startsWith('at ') && file !== undefined && line.includes(file));
  return [firstLine(text), waitingFor, at].filter((part) => part !== undefined).join('\n      ');
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

if (coverageFile !== undefined) console.log(`\n${describeCoverage(coverageFile)}`);

/** One line of percentages from vitest's json-summary coverage report. */
function describeCoverage(file) {
  if (!existsSync(file)) return `coverage: not measured (no ${file})`;
  const { total } = JSON.parse(readFileSync(file, 'utf8'));
  const figure = (name) => `${name} ${total[name].pct}% (${total[name].covered}/${total[name].total})`;
  return `coverage of apps/*/src and packages/*/src by the unit and service tests: ${[
    'lines',
    'statements',
    'branches',
    'functions',
  ]
    .map(figure)
    .join(', ')}`;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
