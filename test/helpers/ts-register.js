// Lets a plain `node` process (the watchdog's reader child, the benchmark driver) run the project's TypeScript
// sources: each required .ts file is transpiled by the project's own `typescript` (transpileModule: types erased,
// nothing type-checked) with an inline source map, and the output is cached on disk under
// <os.tmpdir()>/tracelab-ts-cache, keyed by the file's path, size and mtime, so restarted children start fast.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CACHE = path.join(os.tmpdir(), 'tracelab-ts-cache');
let ts;

function transpile(filename, source) {
  ts = ts || require('typescript');
  return ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true
    }
  }).outputText;
}

require.extensions['.ts'] = function compileTs(module, filename) {
  const st = fs.statSync(filename);
  const key = crypto.createHash('sha1').update(`${filename}\0${st.size}\0${st.mtimeMs}`).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  let js;
  try {
    js = fs.readFileSync(cached, 'utf8');
  } catch {
    js = transpile(filename, fs.readFileSync(filename, 'utf8'));
    try {
      fs.mkdirSync(CACHE, { recursive: true });
      const tmp = `${cached}.${process.pid}`;
      fs.writeFileSync(tmp, js);
      fs.renameSync(tmp, cached);
    } catch {
      // the cache is an optimisation only
    }
  }
  module._compile(js, filename);
};
