// `npm run bench`: runs bench/main.ts on the project's TypeScript sources as they are (transpiled on the fly by
// test/helpers/ts-register.js; no build step, same JS as tsc emits). See bench/main.ts for what is measured.
'use strict';
require('../test/helpers/ts-register.js');
require('./main.ts')
  .main(process.argv.slice(2))
  .then(code => process.exit(code))
  .catch(err => {
    console.error(err);
    process.exit(1);
  });
