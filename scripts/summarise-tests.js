// Prints the closing line of a test run, "N passed, N failed", from jest's and Playwright's JSON
// reports, the exit statuses of the checks (`name=status`: type check, lint, Prettier, ...) and
// the reports of steps that count their own checks (`name=@file.json`, with `passed` and
// `failed`: the install test); a missing report, or a failed check, counts as a failure.
//   node scripts/summarise-tests.js jest.json e2e.json tsc=0 lint=0 ... install=@install.json
const fs = require('fs');

const [jestFile, e2eFile, ...checks] = process.argv.slice(2);
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

for (const check of checks) {
  const [name, status] = check.split('=');
  if (status.startsWith('@')) {
    // `name=@report.json`: a step that counts its own checks, `{ passed, failed }`.
    const report = read(status.slice(1));
    if (report) {
      passed += report.passed ?? 0;
      // A step that checked nothing has failed.
      failed += (report.failed ?? 0) + (report.passed || report.failed ? 0 : 1);
      console.log(`${name}: ${report.passed} passed, ${report.failed} failed`);
    }
  } else if (status === '0') {
    passed += 1;
  } else {
    console.log(`${name}: failed`);
    failed += 1;
  }
}

console.log(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
