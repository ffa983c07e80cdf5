/**
 * The Trace Compass XML analysis schema (xmlDefinition.xsd and the files it includes: xmlCommon, xmlStateProvider,
 * xmlPatternStateProvider, xmlView, xmlCallstack) transcribed as content models: for each element type, its
 * attributes (required, enumerated values, simple types) and its children as sequences/choices with occurrence
 * bounds. `extra` stands for the substitution group of extension elements (`callstack`, plus any declared ones).
 *
 * Scope: data only; `validate.ts` interprets it.
 */

export type SimpleKind = 'integer' | 'long' | 'boolean' | 'id' | 'nonEmpty';

export interface AttrRule {
  required?: boolean;
  values?: readonly string[];
  kind?: SimpleKind;
}

export type Particle =
  | { el: string; type: string; min: number; max: number }
  | { seq: Particle[]; min: number; max: number }
  | { choice: Particle[]; min: number; max: number }
  | { extra: true; min: number; max: number };

export interface ElementType {
  attrs: Record<string, AttrRule>;
  anyAttr?: boolean;
  /** Absent: empty content. */
  content?: Particle;
  /** Simple (text) content allowed. */
  text?: boolean;
}

const N = Infinity;
const el = (name: string, type: string, min = 1, max = 1): Particle => ({ el: name, type, min, max });
const opt = (name: string, type: string): Particle => el(name, type, 0, 1);
const many = (name: string, type: string, min = 0): Particle => el(name, type, min, N);
const seq = (ps: Particle[], min = 1, max = 1): Particle => ({ seq: ps, min, max });
const choice = (ps: Particle[], min = 1, max = 1): Particle => ({ choice: ps, min, max });
const req: AttrRule = { required: true };
const str: AttrRule = {};
const bool: AttrRule = { kind: 'boolean' };
const OPERATORS = ['eq', 'ne', 'ge', 'gt', 'le', 'lt'];
const UNITS = ['ns', 'us', 'ms', 's'];

/** The root element's type. */
export const ROOT_ELEMENT = 'tmfxml';

const conditionValues = (attr: string): Particle =>
  choice([
    seq([
      choice([many('stateAttribute', 'stateAttribute', 1), el('field', 'eventField')]),
      el('stateValue', attr)
    ]),
    seq([el('stateValue', attr, 2, 2)])
  ]);

export const TYPES: Record<string, ElementType> = {
  tmfxml: {
    attrs: {},
    content: choice(
      [
        many('timeGraphView', 'timeGraphView'),
        many('xyView', 'xyView'),
        many('stateProvider', 'stateProvider'),
        many('pattern', 'pattern'),
        { extra: true, min: 0, max: N }
      ],
      1,
      N
    )
  },
  // xmlCommon.xsd
  definedValue: { attrs: { name: req, value: req, color: str } },
  location: { attrs: { id: req }, anyAttr: true, content: seq([many('stateAttribute', 'stateAttribute')]) },
  mappingGroup: { attrs: { id: req }, content: seq([many('entry', 'mapEntry', 1)]) },
  mapEntry: { attrs: {}, content: seq([el('stateValue', 'stateValue', 2, 2)]) },
  // xmlStateProvider.xsd
  stateProvider: {
    attrs: { id: { required: true, kind: 'id' }, version: { required: true, kind: 'integer' } },
    content: seq([
      opt('head', 'headProvider'),
      seq(
        [
          choice(
            [
              many('definedValue', 'definedValue'),
              many('location', 'location'),
              many('mappingGroup', 'mappingGroup')
            ],
            0,
            N
          ),
          many('eventHandler', 'eventHandler', 1)
        ],
        1,
        N
      )
    ])
  },
  headProvider: { attrs: {}, content: seq([many('traceType', 'traceType'), opt('label', 'label')]) },
  traceType: { attrs: { id: req } },
  label: { attrs: { value: str } },
  eventHandler: {
    attrs: { eventName: req },
    anyAttr: true,
    content: seq([many('stateChange', 'stateChange', 1)])
  },
  stateChange: {
    attrs: {},
    content: choice([
      seq([
        many('stateAttribute', 'stateAttribute', 1),
        el('stateValue', 'stateValue'),
        opt('futureTime', 'stateValue')
      ]),
      seq([el('if', 'conditionSingle'), el('then', 'stateChange'), opt('else', 'stateChange')])
    ])
  },
  condition: { attrs: { operator: { values: OPERATORS } }, content: conditionValues('stateValue') },
  conditionSingle: {
    attrs: {},
    anyAttr: true,
    content: choice([
      el('condition', 'condition'),
      el('not', 'conditionSingle'),
      el('and', 'conditionMultiple'),
      el('or', 'conditionMultiple')
    ])
  },
  conditionMultiple: {
    attrs: {},
    anyAttr: true,
    content: seq(
      [
        opt('condition', 'condition'),
        opt('or', 'conditionMultiple'),
        opt('and', 'conditionMultiple'),
        opt('not', 'conditionSingle')
      ],
      1,
      N
    )
  },
  stateAttribute: {
    attrs: {
      type: {
        required: true,
        values: ['null', 'constant', 'eventField', 'eventName', 'location', 'query', 'pool']
      },
      value: str
    },
    content: seq([many('stateAttribute', 'stateAttribute')])
  },
  stateValue: {
    attrs: {
      id: { kind: 'nonEmpty' },
      type: {
        required: true,
        values: ['null', 'int', 'long', 'string', 'eventField', 'eventName', 'delete', 'query', 'script']
      },
      increment: bool,
      update: bool,
      stack: { values: ['pop', 'popAll', 'push', 'peek'] },
      forcedType: { values: ['int', 'long', 'string', 'double'] },
      mappingGroup: str,
      value: str,
      scriptEngine: { values: ['nashorn', 'rhino'] }
    },
    content: seq([many('stateAttribute', 'stateAttribute'), many('stateValue', 'stateValue')])
  },
  eventField: { attrs: { name: req } },
  // xmlPatternStateProvider.xsd
  pattern: {
    attrs: { id: req, version: { required: true, kind: 'integer' } },
    content: seq([
      opt('head', 'headPattern'),
      many('storedField', 'storedField'),
      many('definedValue', 'definedValue'),
      many('location', 'location'),
      many('mappingGroup', 'mappingGroup'),
      el('patternHandler', 'patternHandler')
    ])
  },
  headPattern: {
    attrs: {},
    content: seq([many('traceType', 'traceType'), opt('label', 'label'), opt('viewLabelPrefix', 'label')])
  },
  storedField: { attrs: { id: req, alias: str } },
  patternHandler: {
    attrs: { initial: str },
    content: seq(
      [choice([many('test', 'test'), many('action', 'action')], 0, N), many('fsm', 'state', 1)],
      1,
      N
    )
  },
  test: { attrs: { id: req }, content: seq([opt('if', 'patternSingleCondition')]) },
  patternSingleCondition: {
    attrs: {},
    content: choice([
      el('condition', 'patternCondition'),
      el('not', 'patternSingleCondition'),
      el('and', 'patternMultipleCondition'),
      el('or', 'patternMultipleCondition')
    ])
  },
  patternMultipleCondition: {
    attrs: {},
    anyAttr: true,
    content: seq(
      [
        opt('condition', 'patternCondition'),
        opt('or', 'patternMultipleCondition'),
        opt('and', 'patternMultipleCondition'),
        opt('not', 'patternSingleCondition')
      ],
      1,
      N
    )
  },
  patternCondition: {
    attrs: { operator: { values: OPERATORS } },
    content: choice([
      seq([conditionValues('stateValue')]),
      seq([el('timerange', 'timerange')]),
      seq([el('elapsedTime', 'elapsedTime')])
    ])
  },
  timerange: {
    attrs: { unit: { values: UNITS } },
    content: choice([el('in', 'timeRangeSingleCondition'), el('out', 'timeRangeSingleCondition')])
  },
  elapsedTime: {
    attrs: { unit: { values: UNITS } },
    content: choice([
      el('less', 'elapsedTimeSingleCondition'),
      el('equal', 'elapsedTimeSingleCondition'),
      el('more', 'elapsedTimeSingleCondition')
    ])
  },
  timeRangeSingleCondition: {
    attrs: { begin: { required: true, kind: 'long' }, end: { required: true, kind: 'long' } }
  },
  elapsedTimeSingleCondition: { attrs: { since: req, value: { required: true, kind: 'long' } } },
  action: {
    attrs: { id: req },
    content: seq(
      [
        choice([
          many('stateChange', 'stateChange'),
          many('segment', 'segment'),
          opt('fsmScheduleAction', 'fsmScheduleAction'),
          many('action', 'action')
        ])
      ],
      1,
      N
    )
  },
  fsmScheduleAction: { attrs: { id: req } },
  segment: {
    attrs: {},
    content: seq([el('segType', 'segType'), opt('segTime', 'segTime'), opt('segContent', 'segContent')])
  },
  segType: { attrs: { segName: str }, content: seq([el('segName', 'segName')], 0, 1) },
  segName: { attrs: {}, content: seq([el('stateValue', 'stateValue')]) },
  segTime: {
    attrs: {},
    content: seq(
      [el('begin', 'stateValue'), choice([el('end', 'stateValue'), el('duration', 'stateValue')])],
      0,
      1
    )
  },
  segContent: { attrs: {}, content: seq([many('segField', 'segField', 1)]) },
  segField: {
    attrs: { name: req, type: { required: true, values: ['null', 'int', 'long', 'string'] }, value: str },
    content: seq([opt('stateValue', 'stateValue')], 0, 1)
  },
  initialState: { attrs: {}, content: seq([many('transition', 'transition', 1)]) },
  finalState: { attrs: { id: req } },
  state: {
    attrs: { id: req, initial: str, automatic: str, multiple: bool, consuming: bool },
    content: seq([
      opt('onentry', 'handlers'),
      opt('onexit', 'handlers'),
      many('precondition', 'transition'),
      opt('initial', 'initialState'),
      opt('initialState', 'initialState'),
      many('state', 'state'),
      opt('final', 'finalState'),
      many('transition', 'transition')
    ])
  },
  transition: {
    attrs: { event: str, cond: str, target: str, action: str, saveStoredFields: str, clearStoredFields: str }
  },
  handlers: { attrs: { action: req } },
  // xmlView.xsd
  timeGraphView: {
    attrs: { id: req },
    content: seq([
      opt('head', 'headOutput'),
      many('definedValue', 'definedValue'),
      many('entry', 'viewEntry')
    ])
  },
  xyView: { attrs: { id: req }, content: seq([opt('head', 'headOutput'), el('entry', 'xyViewEntry')]) },
  headOutput: { attrs: {}, content: seq([many('analysis', 'outputAnalysis'), opt('label', 'outputLabel')]) },
  outputAnalysis: { attrs: { id: req, ssid: str } },
  outputLabel: { attrs: { value: req } },
  viewEntry: {
    attrs: { path: req, analysisId: str, displayText: bool },
    content: seq([
      opt('display', 'viewStateAttribute'),
      opt('id', 'viewStateAttribute'),
      opt('parent', 'viewStateAttribute'),
      opt('name', 'viewStateAttribute'),
      many('entry', 'viewEntry')
    ])
  },
  xyViewEntry: {
    attrs: { path: req, displayType: { values: ['absolute', 'delta'] } },
    content: seq([opt('display', 'viewStateAttribute'), opt('name', 'viewStateAttribute')])
  },
  viewStateAttribute: {
    attrs: {
      type: { required: true, values: ['constant', 'location', 'query', 'self'] },
      value: str,
      reference: { values: ['relative', 'absolute'] }
    },
    content: seq([many('stateAttribute', 'viewStateAttribute')])
  },
  // xmlCallstack.xsd
  callstack: {
    attrs: { id: req },
    content: seq([
      many('callstackGroup', 'callstackGroup', 1),
      choice([
        opt('analysis', 'callstackAnalysis'),
        many('pattern', 'pattern'),
        many('stateProvider', 'stateProvider')
      ])
    ])
  },
  callstackAnalysis: { attrs: { id: req } },
  callstackGroup: {
    attrs: { name: str },
    content: seq([
      many('level', 'callstackLevel'),
      opt('thread', 'callstackThread'),
      opt('host', 'callstackHost')
    ])
  },
  callstackLevel: { attrs: { path: req } },
  callstackThread: { attrs: { cpu: str, level: { kind: 'integer' }, type: { values: ['name', 'value'] } } },
  callstackHost: {
    attrs: { level: { required: true, kind: 'integer' }, type: { values: ['name', 'value'] } }
  }
};

/** Built-in members of the `extra` substitution group and their types. */
export const EXTRA_ELEMENTS: Readonly<Record<string, string>> = { callstack: 'callstack' };
