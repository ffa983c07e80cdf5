/**
 * Content sniffing for XML stub traces: is the first element of the file `<trace>`?
 *
 * Scope: skips a byte-order mark, white space, the XML declaration and other processing instructions, comments and
 * a DOCTYPE, reading the file in growing windows (comments at the top of stub files can be long), and looks at the
 * name of the first element only. The file name plays no part.
 */
import type { FileSystemAccess } from '../../io/byte-source';

const FIRST_WINDOW = 4096;
const MAX_PREFIX = 1 << 20;

type Verdict = 'yes' | 'no' | 'more';

/** Decides on a prefix of the document; 'more' when the prefix ends before the first element's name. */
export function sniffPrefix(text: string, complete: boolean): Verdict {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && /[ \t\r\n]/.test(text[i])) i++;
    if (i >= text.length) return complete ? 'no' : 'more';
    if (text[i] !== '<') return 'no';
    let close: string | undefined;
    if (text.startsWith('<?', i)) close = '?>';
    else if (text.startsWith('<!--', i)) close = '-->';
    else if (text.startsWith('<!DOCTYPE', i)) close = '>';
    else if (text.length - i < 2 || (text[i + 1] === '!' && text.length - i < 9)) {
      return complete ? 'no' : 'more';
    }
    if (close === undefined) return firstElementIsTrace(text, i + 1, complete);
    const end = close === '>' ? doctypeEnd(text, i) : text.indexOf(close, i + 2);
    if (end < 0) return complete ? 'no' : 'more';
    i = end + close.length;
  }
}

/** Index of the '>' ending a DOCTYPE that starts at `at` (skipping an internal subset in brackets), or -1. */
function doctypeEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at + 9; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i;
  }
  return -1;
}

function firstElementIsTrace(text: string, at: number, complete: boolean): Verdict {
  if (text.length - at < 6) return complete ? 'no' : 'more';
  if (!text.startsWith('trace', at)) return 'no';
  return /[ \t\r\n/>]/.test(text[at + 5]) ? 'yes' : 'no';
}

/** True when `path` is a file whose first XML element is `<trace>`. */
export function sniffXmlStub(path: string, fsa: FileSystemAccess): boolean {
  if (!fsa.exists(path) || fsa.isDirectory(path)) return false;
  const src = fsa.open(path);
  try {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    for (let size = FIRST_WINDOW; ; size *= 4) {
      const n = Math.min(size, src.size, MAX_PREFIX);
      const verdict = sniffPrefix(decoder.decode(src.read(0, n)), n >= src.size);
      if (verdict !== 'more') return verdict === 'yes';
      if (n >= src.size || n >= MAX_PREFIX) return false;
    }
  } finally {
    src.close();
  }
}
