/**
 * The view section against Trace Compass's expected data-provider outputs (test_traces/simple_dataprovider/): the
 * views of test_data_provider_simple.xml over the analysis of test_valid_pattern_simple.xml on testTrace4.
 * Tree lines are `name,start,end,parent`; row lines `name:start,duration,value,label,...` (value -2147483648 and
 * label null for a null state); XY lines `name:v1,...,v20` sampled at times 1..20.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rowStates, sampleTimes, timeGraphRows, xySeries } from '../../src/analysis/stateview';
import type { TimeGraphViewSpec, XyViewSpec } from '../../src/analysis/stateview';
import { loadFile, runFile, TRACES } from './tc-helpers';

const expected = (name: string): string[] =>
  fs
    .readFileSync(path.join(TRACES, 'simple_dataprovider', name), 'utf8')
    .trim()
    .split('\n');

const r = runFile('test_valid/test_valid_pattern_simple.xml', 'testTrace4.xml');
const views = loadFile('test_valid/test_data_provider_simple.xml').views;
const view = (id: string): TimeGraphViewSpec | XyViewSpec => views.find(v => v.id === id)!.spec;
const HOST = 'testTrace4.xml';

function tree(v: TimeGraphViewSpec): string[] {
  const rows = timeGraphRows(r.ss, v);
  return [
    `${HOST},1,20,null`,
    ...rows.map(
      row => `${row.label},${row.start},${row.end},${row.parent < 0 ? HOST : rows[row.parent].label}`
    )
  ];
}

function rowLines(v: TimeGraphViewSpec): string[] {
  return timeGraphRows(r.ss, v)
    .filter(row => row.display >= 0)
    .map(row => {
      const st = rowStates(r.ss, row, v, 1n, 20n).map(s =>
        [
          s.start,
          s.end - s.start,
          s.value === null ? -2147483648 : String(s.value),
          s.value === null ? 'null' : s.label
        ].join(',')
      );
      return `${row.label}:${st.join(',')}`;
    });
}

describe('time graph data provider (XmlTimeGraphDataProviderTest)', () => {
  it('two levels: the tree and the rows', () => {
    const v = view('xml.core.tests.simple.pattern.timegraph') as TimeGraphViewSpec;
    expect(tree(v)).toEqual(expected('expectedTimeGraphTree'));
    expect(rowLines(v)).toEqual(expected('expectedTimeGraphRows'));
  });

  it('a parent entry without display has no row states', () => {
    const v = view('xml.core.tests.simple.pattern.timegraph2') as TimeGraphViewSpec;
    expect(tree(v)).toEqual(expected('expectedTimeGraphTree'));
    expect(rowLines(v)).toEqual(expected('expectedTimeGraphRows').slice(1));
  });
});

describe('XY data provider (XmlXyDataProviderTest)', () => {
  const times = sampleTimes(1n, 20n, 20);

  it('absolute values', () => {
    const s = xySeries(r.ss, view('xml.core.tests.simple.pattern.xy') as XyViewSpec, times);
    expect([`${HOST},null`, ...s.map(x => `${x.name},${HOST}`)]).toEqual(expected('expectedXYTree'));
    expect(s.map(x => `${x.name}:${Array.from(x.values).join(',')}`)).toEqual(expected('expectedXYData'));
  });

  it('deltas', () => {
    const s = xySeries(r.ss, view('xml.core.tests.simple.pattern.xy.delta') as XyViewSpec, times);
    expect(s.map(x => `${x.name}:${Array.from(x.values).join(',')}`)).toEqual(
      expected('expectedXYDataDelta')
    );
  });
});
