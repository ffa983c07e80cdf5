/**
 * A minimal element tree on top of the project's XML tokenizer, for Trace Compass XML analysis files: elements
 * with attributes, children, text and their line number.
 *
 * Scope: tree building only; syntax errors become `TcXmlError`s naming the file and line.
 */
import { lineColumn, XmlSyntaxError, XmlTokenizer } from '../../formats/xml-stub/xml-tokenizer';

export interface XmlElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside the element. */
  text: string;
  readonly line: number;
}

/** An XML analysis file that cannot be used: names the file, the line, the element and the rule. */
export class TcXmlError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'TcXmlError';
  }
}

/** Parses `text` into its root element. */
export function parseXml(text: string, file: string): XmlElement {
  const tok = new XmlTokenizer(text);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  // Line numbers are computed incrementally: tokens come in document order.
  let lastPos = 0;
  let lastLine = 1;
  const lineOf = (pos: number): number => {
    for (let i = lastPos; i < pos; i++) if (text.charCodeAt(i) === 0x0a) lastLine++;
    lastPos = pos;
    return lastLine;
  };
  try {
    for (let t = tok.next(); t !== null; t = tok.next()) {
      if (t.kind === 'start') {
        const el: XmlElement = { name: t.name, attrs: t.attrs, children: [], text: '', line: lineOf(t.pos) };
        if (stack.length > 0) stack[stack.length - 1].children.push(el);
        else root = el;
        if (!t.selfClosing) stack.push(el);
      } else if (t.kind === 'end') {
        stack.pop();
      } else if (stack.length > 0) {
        stack[stack.length - 1].text += t.text;
      }
    }
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new TcXmlError(file, e.line, `not well-formed XML: ${e.reason}`);
    throw e;
  }
  if (root === undefined) throw new TcXmlError(file, lineColumn(text, 0).line, 'no root element');
  return root;
}

/** Child elements named `name`. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter(c => c.name === name);
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find(c => c.name === name);
}
