/**
 * Runs `main()` in-process with captured stdout/stderr (test helper).
 */
import { Writable } from 'node:stream';
import { main } from '../../src/kernel-bridge/cli/main';
import type { CliContext } from '../../src/kernel-bridge/cli/main';

export interface RunResult {
  code: number;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

export function capture(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
      cb();
    }
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

export async function run(argv: string[], ctx: Partial<CliContext> = {}): Promise<RunResult> {
  const out = capture();
  const err = capture();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, stderrIsTTY: false, ...ctx });
  const stdoutBytes = out.bytes();
  return { code, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: err.bytes().toString('utf8') };
}

/** Parses RFC 4180 CSV (quoted cells with doubled quotes and embedded newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
