#!/usr/bin/env node
// The `tracelab` command: runs the compiled CLI (npm run build writes dist/). On Linux it first re-runs itself
// with glibc's huge-pages tunable (dist/kernel-bridge/huge-pages.js says why; TRACELAB_HUGE_PAGES=0 turns it off).
const args = process.argv.slice(2);

// Commands that read whole traces start the read-ahead thread first, so that its start-up overlaps the loading of
// the rest of the code (dist/analysis/io/read-ahead.js: startReadAhead).
const READERS = ['events', 'analyze', 'run'];

function main() {
  if (READERS.includes(args[0])) require('../dist/analysis/io/read-ahead.js').startReadAhead();
  require('../dist/kernel-bridge/cli/main.js')
    .main(args)
    .then(
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
