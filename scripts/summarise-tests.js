// Prints the closing line of a test run, "N passed, N failed", from jest's and Playwright's JSON
// reports; a missing report, or a failed type check, counts as a failure.
const fs = require('fs');

const [jestFile, e2eFile, tscStatus] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    console.log(`No report at ${file}`);
    failed += 1;
    return undefined;
  }
}

const jest = read(jestFile);
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
  skipped += jest.numPendingTests;
  console.log(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed in ${jest.numTotalTestSuites} suites`,
  );
}

const e2e = read(e2eFile);
if (e2e) {
  const {
    expected = 0,
    unexpected = 0,
    flaky = 0,
    skipped: e2eSkipped = 0,
  } = e2e.stats ?? {};
  passed += expected + flaky;
  failed += unexpected;
  skipped += e2eSkipped;
  console.log(`end-to-end: ${expected + flaky} passed, ${unexpected} failed`);
}

if (tscStatus !== '0') {
  console.log('type check: failed');
  failed += 1;
}

console.log(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
