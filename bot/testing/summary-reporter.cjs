// Mocha reporter: the usual spec output, then one machine-readable closing line
// (`tests: N passed, N failed, N skipped`) that CI reads instead of mocha's own summary.
// Skipped (pending) tests are counted so that a `.skip` or `this.skip()` cannot hide; .mocharc.json
// also sets forbid-pending, which makes mocha fail the run when any test is pending.
const Mocha = require("mocha");

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
      process.stdout.write(`\ntests: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
