#!/usr/bin/env node
// The `tracelab` command: runs the compiled CLI (npm run build writes dist/). On Linux it first re-runs itself
// with glibc's huge-pages tunable (dist/kernel-bridge/huge-pages.js says why; TRACELAB_HUGE_PAGES=0 turns it off).
const args = process.argv.slice(2);

function main() {
  require('../dist/kernel-bridge/cli/main.js').main(args).then(
    code => process.exit(code),
    err => {
      process.stderr.write(`tracelab: ${err && err.message ? err.message : err}\n`);
      process.exit(1);
    }
  );
}

const again = require('../dist/kernel-bridge/huge-pages.js').reexecWithHugePages(__filename, args);
if (again === undefined) main();
else again.then(code => (code === undefined ? main() : process.exit(code)));
