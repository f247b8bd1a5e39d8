// Mocha reporter for `npm test`: mocha's own spec output on the console, and the counts as
// JSON in the file named by $AIBOOK_TEST_RESULT, so that scripts/test.mjs can add them up.
//   mocha --reporter ./scripts/test/unit-reporter.cjs
"use strict";
const fs = require("node:fs");
const Mocha = require("mocha");

class UnitReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.AIBOOK_TEST_RESULT;
      if (!file) return;
      const { passes, failures, pending } = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, pending }) + "\n");
    });
  }
}

module.exports = UnitReporter;
