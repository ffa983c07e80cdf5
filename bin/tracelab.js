#!/usr/bin/env node
// The `tracelab` command: runs the compiled CLI (npm run build writes dist/).
require('../dist/kernel-bridge/cli/main.js').main(process.argv.slice(2)).then(
  code => process.exit(code),
  err => {
    process.stderr.write(`tracelab: ${err && err.message ? err.message : err}\n`);
    process.exit(1);
  }
);
