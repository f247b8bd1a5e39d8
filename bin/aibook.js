#!/usr/bin/env node
// The `aibook` command: the bundled CLI (run `npm run build` first in a source checkout).
require("../dist/cli.js");
