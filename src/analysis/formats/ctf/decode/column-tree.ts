/**
 * The column tree of a field class (`buildColumn`: one writer column object per field class node, see
 * `columns.ts`), and two layout facts the generator needs: a field's minimal size and whether an array is text.
 */
import type { FieldClass } from '../ir';
import { displayName } from '../ir';
import type { Col, LabelMap } from './columns';
import { BoolCol, BytesCol, FloatCol, IntCol, WideCol } from './columns';
import { ListCol, OptionalCol, StructCol, VariantCol } from './compound-columns';

/** Minimal size in bits of a field (a lower bound used to bound sequence lengths). */
export function minBits(fc: FieldClass): number {
  switch (fc.kind) {
    case 'int':
    case 'bool':
    case 'bitarray':
    case 'float':
      return fc.size;
    case 'enum':
      return fc.container.size;
    case 'varint':
    case 'string':
      return 8;
    case 'struct':
      return fc.members.reduce((s, m) => s + minBits(m.fc), 0);
    case 'array':
      return fc.length !== undefined ? fc.length * minBits(fc.element) : 0;
    case 'sized-string':
    case 'blob':
      return fc.length !== undefined ? fc.length * 8 : 0;
    default:
      return 0;
  }
}

/** A text array or sequence: 8-bit integer elements with a text encoding (decoded as a string). */
export function isText(fc: FieldClass): boolean {
  if (fc.kind !== 'array') return false;
  const el = fc.element;
  const int = el.kind === 'int' ? el : undefined;
  return (
    !!int &&
    int.size === 8 &&
    (int.encoding === 'utf8' || int.encoding === 'ascii') &&
    !int.mappedClock &&
    !int.roles
  );
}

/** Builds the (writer) column tree for a field class. */
export function buildColumn(fc: FieldClass, labels: (m: FieldClass) => LabelMap | undefined): Col {
  switch (fc.kind) {
    case 'int':
      return fc.size <= 32 ? new IntCol(fc.signed, labels(fc)) : new WideCol(fc.signed, labels(fc));
    case 'enum':
      return fc.container.size <= 32
        ? new IntCol(fc.container.signed, labels(fc))
        : new WideCol(fc.container.signed, labels(fc));
    case 'bitarray':
      return fc.size <= 32 ? new IntCol(false) : new WideCol(false);
    case 'varint':
      return new WideCol(fc.signed, labels(fc));
    case 'bool':
      return new BoolCol();
    case 'float':
      return new FloatCol();
    case 'string':
      return new BytesCol(fc.encoding);
    case 'sized-string':
      return new BytesCol(fc.encoding);
    case 'blob':
      return new BytesCol('bytes');
    case 'struct':
      return new StructCol(
        fc.members.map(m => displayName(m.name)),
        fc.members.map(m => buildColumn(m.fc, labels))
      );
    case 'array':
      return isText(fc) ? new BytesCol('utf8') : new ListCol(buildColumn(fc.element, labels));
    case 'variant':
      return new VariantCol(
        fc.options.map((o, i) => (o.name !== undefined ? displayName(o.name) : String(i))),
        fc.options.map(o => buildColumn(o.fc, labels))
      );
    case 'optional':
      return new OptionalCol(buildColumn(fc.fc, labels));
  }
}
