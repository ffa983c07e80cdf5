/**
 * Trace Compass's own XML analysis test files: every file of test_valid/ loads (the extended one only with its
 * extension elements declared) and every file of test_invalid/ is refused with an error naming the element, its
 * line and the rule; an analysis that does not compile is dropped and reported, as Trace Compass does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionElements, loadTcXml, TcXmlError } from '../../src/analysis/stateview';
import { loadFile, XML_FILES } from './tc-helpers';

const valid = fs.readdirSync(path.join(XML_FILES, 'test_valid')).filter(f => f.endsWith('.xml'));
const extras = extensionElements(
  fs.readFileSync(path.join(XML_FILES, 'extension.xsd'), 'utf8'),
  'extension.xsd'
);

describe('test_valid files', () => {
  it('has the files the suite is about', () => {
    expect(valid.length).toBe(21);
    expect(extras).toEqual(['my', 'abc']);
  });

  it.each(valid)('%s loads', f => {
    const doc = loadFile(`test_valid/${f}`, { extraElements: extras });
    expect(doc.analyses.length + doc.views.length + doc.errors.length).toBeGreaterThan(0);
  });

  it('imports analyses, labels and attached views', () => {
    const doc = loadFile('test_valid/test_state_values.xml');
    expect(doc.analyses.map(a => [a.id, a.kind, a.label, a.traceTypes])).toEqual([
      [
        'test.xml.attributes',
        'stateProvider',
        'Xml State Values test',
        ['org.eclipse.linuxtools.tmf.core.tests.xmlstub']
      ]
    ]);
    const view = doc.analyses[0].spec.views?.[0];
    expect(view?.rows).toEqual([{ path: 'update/*', display: '.' }]);
    expect(view?.legend).toEqual([
      { value: 'GOOD', label: 'Good', color: '#118811' },
      { value: 'BAD', label: 'Bad', color: '#DDDD00' }
    ]);
  });

  it('the callstack element: its inner pattern is also reachable by the callstack id', () => {
    const doc = loadFile('test_valid/test_callstack.xml');
    expect(doc.analyses.map(a => a.id)).toEqual(['callstack.pattern', 'callstack.analysis']);
    expect(doc.views.map(v => v.analysisIds)).toEqual([['callstack.analysis']]);
  });

  it('the extended file is refused without its extension schema, naming the element', () => {
    expect(() => loadFile('test_valid/test_valid_extended.xml')).toThrow(
      /<my> is not allowed here in <tmfxml>/
    );
  });

  it('an analysis that does not compile is dropped and reported with its line', () => {
    const doc = loadFile('test_valid/test_condition_operators.xml');
    expect(doc.analyses).toEqual([]);
    expect(doc.errors).toHaveLength(1);
    expect(doc.errors[0].id).toBe('kernel.linux.sp');
    expect(doc.errors[0].message).toMatch(
      /:69: <stateAttribute>: location 'newCurrentThread' is not defined/
    );
  });
});

describe('test_invalid files', () => {
  const cases: [string, number, RegExp][] = [
    [
      'invalid_condition_operators.xml',
      24,
      /<condition>: attribute operator="an_invalid_operator" is not one of eq, ne, ge, gt, le, lt/
    ],
    [
      'invalid_view_multipledisplays.xml',
      34,
      /<display> is not allowed here in <entry> \(line 32\); expected <id>, <parent>, <name>, <entry>/
    ],
    [
      'invalid_xyview_multipleentry.xml',
      28,
      /<entry> is not allowed here in <xyView> \(line 18\); no more elements/
    ],
    [
      'state_provider_placement.xml',
      15,
      /<stateProvider>: incomplete content: expected .*<eventHandler> after the last <location> \(line 32\)/
    ],
    ['test_invalid.xml', 6, /<element> is not allowed here in <tmfxml> \(line 2\)/]
  ];

  it('covers every file of the folder', () => {
    const files = fs.readdirSync(path.join(XML_FILES, 'test_invalid')).filter(f => f.endsWith('.xml'));
    expect(files.sort()).toEqual(cases.map(c => c[0]).sort());
  });

  it.each(cases)('%s is refused at line %d', (f, line, re) => {
    let err: unknown;
    try {
      loadFile(`test_invalid/${f}`);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TcXmlError);
    const e = err as TcXmlError;
    expect(e.file).toBe(f);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(re);
  });
});

describe('other refusals', () => {
  const doc = (body: string): string => `<?xml version="1.0"?>\n<tmfxml>\n${body}\n</tmfxml>`;

  it('malformed XML names the line', () => {
    expect(() => loadTcXml(doc('<stateProvider id="a" version="1">'), 'bad.xml')).toThrow(
      /^bad\.xml:4: not well-formed XML/
    );
  });

  it('a missing required attribute', () => {
    expect(() =>
      loadTcXml(
        doc(
          '<stateProvider version="1"><eventHandler eventName="e"><stateChange><stateAttribute type="constant" value="a"/><stateValue type="int" value="1"/></stateChange></eventHandler></stateProvider>'
        ),
        'x.xml'
      )
    ).toThrow(/x\.xml:3: <stateProvider>: the required attribute 'id' is missing/);
  });

  it('a non-integer version and an unknown attribute', () => {
    const sp = (attrs: string): string =>
      doc(
        `<stateProvider id="a" ${attrs}><eventHandler eventName="e"><stateChange><stateAttribute type="constant" value="a"/><stateValue type="int" value="1"/></stateChange></eventHandler></stateProvider>`
      );
    expect(() => loadTcXml(sp('version="one"'), 'x.xml')).toThrow(
      /attribute version="one" must be an integer/
    );
    expect(() => loadTcXml(sp('version="1" colour="red"'), 'x.xml')).toThrow(
      /attribute 'colour' is not allowed/
    );
  });

  it('an undefined test, action or target state drops the pattern', () => {
    const pattern = (t: string): string =>
      doc(
        `<pattern id="p" version="0"><patternHandler><fsm id="f"><state id="s">${t}</state><final id="end"/></fsm></patternHandler></pattern>`
      );
    const errs = (t: string): string =>
      loadTcXml(pattern(t), 'p.xml')
        .errors.map(e => e.message)
        .join();
    expect(errs('<transition event="e" target="nowhere"/>')).toMatch(/target state 'nowhere' is not defined/);
    expect(errs('<transition event="e" target="end" cond="nope"/>')).toMatch(/test 'nope' is not defined/);
    expect(errs('<transition event="e" target="end" action="nope"/>')).toMatch(
      /action 'nope' is not defined/
    );
    expect(errs('<transition event="e" target="end"/>')).toBe('');
  });

  it('an int value that does not parse (an undefined $name) drops the analysis', () => {
    const text = doc(
      '<stateProvider id="a" version="1"><eventHandler eventName="e"><stateChange><stateAttribute type="constant" value="a"/><stateValue type="int" value="$NOPE"/></stateChange></eventHandler></stateProvider>'
    );
    expect(loadTcXml(text, 'x.xml').errors[0].message).toMatch(/int value '\$NOPE' is not an integer/);
  });
});
