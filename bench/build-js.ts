/**
 * Transpiles a benchmark entry point and every project module it imports (relative imports, followed
 * recursively) to plain JavaScript under `bench/out/js/` (git-ignored), mirroring the project layout so that
 * `node_modules` still resolves. The benchmark children then run without the TypeScript compiler loaded, which
 * would otherwise add to their time and to their peak memory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..');
export const OUT = path.join(ROOT, 'bench', 'out', 'js');

function resolveTs(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const f of [base + '.ts', path.join(base, 'index.ts')]) if (fs.existsSync(f)) return f;
  throw new Error(`bench build: cannot resolve ${spec} from ${from}`);
}

/** Returns the output path of `entry` (a .ts file under the project root). */
export function buildJs(entry: string): string {
  const todo = [path.resolve(entry)];
  const done = new Set<string>();
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true
      }
    }).outputText;
    for (const m of js.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) todo.push(resolveTs(file, m[1]));
    const out = path.join(OUT, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, js);
  }
  return path.join(OUT, path.relative(ROOT, path.resolve(entry))).replace(/\.ts$/, '.js');
}
