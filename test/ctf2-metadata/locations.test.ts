/**
 * CTF 2 field locations (CTF2-SPEC-2.0 §5.3.1 and the examples of §6.4.2) -> IR `FieldLocation`, checked
 * against the field classes they point to.
 */

import type { FieldClass } from '../../src/analysis/formats/ctf/ir';
import { parseCtf2Metadata } from '../../src/analysis/formats/ctf/metadata/ctf2';
import { STR, U8, asKind, member, struct, withPayload } from './helpers';

/** The IR of a payload member `f` whose field class is `fc`, after optional `before` members. */
function fcOf(fc: unknown, ...before: unknown[]): FieldClass {
  const tc = parseCtf2Metadata(withPayload(...before, member('f', fc)), 'test');
  const payload = tc.streams[0].events[0].payload!;
  return payload.members[payload.members.length - 1].fc;
}

const LEN = member('len', {
  type: 'fixed-length-unsigned-integer',
  length: 32,
  'byte-order': 'little-endian'
});

describe('field locations', () => {
  test('relative location with parent (null) elements is kept as is', () => {
    const inner = {
      type: 'structure',
      'member-classes': [
        member('attrs', { type: 'structure', 'member-classes': [LEN] }),
        member('inner', {
          type: 'structure',
          'member-classes': [
            member('s', {
              type: 'dynamic-length-string',
              'length-field-location': { path: [null, 'attrs', 'len'] }
            })
          ]
        })
      ]
    };
    const outer = asKind(fcOf(inner), 'struct');
    const s = asKind(asKind(outer.members[1].fc, 'struct').members[0].fc, 'sized-string');
    expect(s.lengthLocation).toEqual({ path: [null, 'attrs', 'len'] });
  });

  test('location through the options of a variant', () => {
    const glass = member('glass', {
      type: 'variant',
      'selector-field-location': { origin: 'event-record-payload', path: ['sel'] },
      options: [
        {
          'selector-field-ranges': [[0, 0]],
          'field-class': { type: 'structure', 'member-classes': [member('eagle', U8)] }
        },
        {
          'selector-field-ranges': [[5, 5]],
          'field-class': {
            type: 'structure',
            'member-classes': [member('eagle', { type: 'variable-length-unsigned-integer' })]
          }
        }
      ]
    });
    const margin = {
      type: 'dynamic-length-array',
      'length-field-location': { origin: 'event-record-payload', path: ['glass', 'eagle'] },
      'element-field-class': STR
    };
    expect(asKind(fcOf(margin, member('sel', U8), glass), 'array').lengthLocation).toEqual({
      origin: 'event.payload',
      path: ['glass', 'eagle']
    });
  });

  test('relative location inside an array element, absolute location through an array and an optional', () => {
    const nature = member('nature', {
      type: 'static-length-array',
      length: 43,
      'element-field-class': struct(
        member('laser', { type: 'variable-length-unsigned-integer' }),
        member('joystick', {
          type: 'dynamic-length-array',
          'length-field-location': { path: ['laser'] },
          'element-field-class': STR
        })
      )
    });
    const has = member('has', { type: 'fixed-length-boolean', length: 8, 'byte-order': 'little-endian' });
    const opt = member('opt', {
      type: 'optional',
      'selector-field-location': { path: ['has'] },
      'field-class': struct(member('n', U8))
    });
    const f = {
      type: 'dynamic-length-blob',
      'length-field-location': { origin: 'event-record-payload', path: ['opt', 'n'] }
    };
    expect(fcOf(f, nature, has, opt)).toEqual({
      kind: 'blob',
      align: 8,
      lengthLocation: { origin: 'event.payload', path: ['opt', 'n'] }
    });
    const g = {
      type: 'dynamic-length-blob',
      'length-field-location': { origin: 'event-record-payload', path: ['nature', 'laser'] }
    };
    expect(asKind(fcOf(g, nature), 'blob').lengthLocation!.path).toEqual(['nature', 'laser']);
  });

  test('draft array form ["origin", ...path]', () => {
    const fc = fcOf(
      {
        type: 'dynamic-length-array',
        'length-field-location': ['event-record-payload', 'len'],
        'element-field-class': U8
      },
      LEN
    );
    expect(asKind(fc, 'array').lengthLocation).toEqual({ origin: 'event.payload', path: ['len'] });
  });
});
