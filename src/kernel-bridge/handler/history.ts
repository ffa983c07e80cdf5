/**
 * In-memory input history for `history_request` (tail, range and glob search), one session per kernel
 * process, as IPython's history manager answers it: entries are `[session, line, input]` or, with output,
 * `[session, line, [input, output]]`.
 */
import type { ContentOf } from './types';

type HistoryRequest = ContentOf<'history_request'>;
type Entry = [number, number, string] | [number, number, [string, string]];

interface IRecord {
  line: number;
  input: string;
  output: string;
}

/** The history of one kernel session. */
export class History {
  constructor(readonly session = 1) {}

  /** Records an executed input (`line` = execution count) and its text/plain result ("" if none). */
  add(line: number, input: string, output = ''): void {
    this._records.push({ line, input, output });
  }

  /** Answers a history request. Unknown access types give an empty history. */
  query(req: HistoryRequest): Entry[] {
    const picked = this._select(req);
    return picked.map(r =>
      req.output ? [this.session, r.line, [r.input, r.output]] : [this.session, r.line, r.input]
    );
  }

  private _select(req: HistoryRequest): IRecord[] {
    const all = this._records;
    switch (req.hist_access_type) {
      case 'tail':
        return lastN(all, req.n);
      case 'range': {
        if (req.session !== this.session && req.session !== 0) return [];
        const stop = req.stop > 0 ? req.stop : Infinity;
        return all.filter(r => r.line >= req.start && r.line < stop);
      }
      case 'search': {
        const re = globToRegExp(req.pattern || '*');
        let hits = all.filter(r => re.test(r.input));
        if (req.unique) hits = uniqueLast(hits);
        return lastN(hits, req.n);
      }
      default:
        return [];
    }
  }

  private readonly _records: IRecord[] = [];
}

function lastN<T>(a: T[], n: number | undefined): T[] {
  return n != null && n > 0 ? a.slice(-n) : a.slice();
}

/** Keeps the last occurrence of each input, in order. */
function uniqueLast(a: IRecord[]): IRecord[] {
  const seen = new Set<string>();
  const out: IRecord[] = [];
  for (let i = a.length - 1; i >= 0; i--) {
    if (!seen.has(a[i].input)) {
      seen.add(a[i].input);
      out.push(a[i]);
    }
  }
  return out.reverse();
}

/** fnmatch-style glob (`*`, `?`) over the whole input, as IPython's history search uses. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[\\s\\S]*')
    .replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}
