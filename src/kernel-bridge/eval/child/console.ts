/**
 * The `console` cells see: a real `console.Console` whose stdout/stderr write into the output channel, so
 * `console.log` becomes a stdout stream message and `console.error`/`warn` a stderr one.
 */
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import type { OutputChannel } from './output';

function sink(output: OutputChannel, name: 'stdout' | 'stderr'): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, cb) {
      output.write(name, typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      cb();
    }
  });
}

/** A console writing to `output` (no colors: notebooks show them raw in text/plain streams). */
export function createCellConsole(output: OutputChannel): Console {
  return new Console({ stdout: sink(output, 'stdout'), stderr: sink(output, 'stderr'), colorMode: false });
}
