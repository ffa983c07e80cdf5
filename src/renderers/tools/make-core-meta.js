/**
 * Writes the stand-in for JupyterLab's core package metadata that `build-labextension --core-path` needs
 * (machine.md section 2): every @jupyterlab/* and @lumino/* dependency becomes a shared singleton provided by
 * JupyterLab (not bundled), at the version installed here. Output: node_modules/.tracelab-core-meta/.
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = require(path.join(root, 'package.json'));
const singletons = Object.keys(pkg.dependencies).filter(
  n => n.startsWith('@jupyterlab/') || n.startsWith('@lumino/')
);
const version = n => require(path.join(root, 'node_modules', n, 'package.json')).version;
const resolutions = Object.fromEntries(singletons.map(n => [n, '^' + version(n)]));
const out = path.join(root, 'node_modules', '.tracelab-core-meta');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(
  path.join(out, 'package.json'),
  JSON.stringify(
    {
      name: '@jupyterlab/application-top',
      private: true,
      version: '4.0.0',
      dependencies: {},
      resolutions,
      jupyterlab: { singletonPackages: singletons }
    },
    null,
    2
  ) + '\n'
);
console.log(`core meta: ${singletons.length} singletons -> ${path.relative(root, out)}`);
