/**
 * The size on disk of the traces given to `tracelab.open` (files, and files under directories a few levels
 * deep), to decide whether opening and analysing deserve a progress display.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Total bytes of the files under `paths` (directories walked up to `depth` levels; errors count as 0). */
export function pathBytes(paths: readonly string[], depth = 4): number {
  let total = 0;
  const walk = (p: string, d: number): void => {
    try {
      const st = statSync(p);
      if (st.isFile()) total += st.size;
      else if (st.isDirectory() && d > 0) for (const e of readdirSync(p)) walk(join(p, e), d - 1);
    } catch {
      // unreadable entries are the opener's business
    }
  };
  for (const p of paths) walk(p, depth);
  return total;
}
