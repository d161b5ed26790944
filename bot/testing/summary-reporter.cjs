// Mocha reporter: the usual spec output, then one machine-readable closing line
// (`tests: N passed, N failed`) that CI reads instead of mocha's own summary.
const Mocha = require("mocha");

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes = 0, failures = 0 } = runner.stats ?? {};
      process.stdout.write(`\ntests: ${passes} passed, ${failures} failed\n`);
    });
  }
}

module.exports = SummaryReporter;
