/**
 * refCID (content type) table of protocol.md §4.4. The profile files only reference these
 * ids (the declaring BSH files are XIncludes we never fetch), so the table lives here as
 * data. Features keep their refDID as a number; nothing here names it.
 */
import type { ProtocolType } from './types';

export interface ContentTypeInfo {
  /** BSH content type name: boolean, enumeration, temperatureCelsius, stringList ... */
  name: string;
  protocolType: ProtocolType;
  /** Unit of numeric values, when the content type implies one. */
  unit?: string;
}

const B: ProtocolType = 'Boolean';
const I: ProtocolType = 'Integer';
const F: ProtocolType = 'Float';
const S: ProtocolType = 'String';
const O: ProtocolType = 'Object';

/** Scalar content types, by refCID. */
const SCALAR: ReadonlyMap<number, ContentTypeInfo> = new Map<number, ContentTypeInfo>([
  [0x01, { name: 'boolean', protocolType: B }],
  [0x02, { name: 'integer', protocolType: I }],
  [0x03, { name: 'enumeration', protocolType: I }],
  [0x04, { name: 'float', protocolType: F }],
  [0x05, { name: 'string', protocolType: S }],
  [0x06, { name: 'dateTime', protocolType: S }],
  [0x07, { name: 'temperatureCelsius', protocolType: F, unit: '°C' }],
  [0x08, { name: 'temperatureFahrenheit', protocolType: F, unit: '°F' }],
  [0x0a, { name: 'hexBinary', protocolType: S }],
  [0x10, { name: 'timeSpan', protocolType: I, unit: 's' }],
  [0x11, { name: 'percent', protocolType: F, unit: '%' }],
  [0x12, { name: 'dbm', protocolType: I, unit: 'dBm' }],
  [0x13, { name: 'weight', protocolType: I, unit: 'g' }],
  [0x14, { name: 'liquidVolume', protocolType: I, unit: 'ml' }],
  [0x15, { name: 'uidValue', protocolType: I }],
  [0x16, { name: 'date', protocolType: S }],
  [0x17, { name: 'time', protocolType: S }],
  [0x18, { name: 'waterHardness', protocolType: I }],
  [0x19, { name: 'point2D', protocolType: O }],
  [0x1a, { name: 'pose2D', protocolType: O }],
  [0x1b, { name: 'line2D', protocolType: O }],
  [0x1e, { name: 'rgb', protocolType: S }],
  [0x1f, { name: 'rpm', protocolType: I, unit: 'rpm' }],
  [0x20, { name: 'flowRate', protocolType: I }],
  [0x21, { name: 'length', protocolType: F }],
  [0x22, { name: 'area', protocolType: F }],
  [0x23, { name: 'power', protocolType: F }],
  [0x24, { name: 'energy', protocolType: F }],
  [0x25, { name: 'bigInteger', protocolType: I }],
  [0x26, { name: 'identifier', protocolType: I }],
  [0x27, { name: 'speed', protocolType: F }],
  [0x28, { name: 'programInstruction', protocolType: O }],
  [0x29, { name: 'weightPound', protocolType: F, unit: 'lb' }],
  [0x2a, { name: 'localeString', protocolType: O }],
  [0x2b, { name: 'teaspoon', protocolType: F }],
  [0x2c, { name: 'tablespoon', protocolType: F }],
  [0x2d, { name: 'cup', protocolType: F }],
  [0x2e, { name: 'piece', protocolType: F }],
  [0x2f, { name: 'byteLength', protocolType: I }],
  [0x30, { name: 'uuid', protocolType: S }],
  [0x31, { name: 'timezone', protocolType: O }],
  [0x32, { name: 'csv', protocolType: S }],
  [0x33, { name: 'leaf', protocolType: F }],
  [0x34, { name: 'bunch', protocolType: F }],
  [0x35, { name: 'casket', protocolType: F }],
  [0x36, { name: 'pinch', protocolType: F }],
  [0x37, { name: 'stalk', protocolType: F }],
  [0x38, { name: 'stick', protocolType: F }],
  [0x39, { name: 'branch', protocolType: F }],
  [0x3a, { name: 'tray', protocolType: I }],
  [0x3b, { name: 'portion', protocolType: I }],
  [0x3d, { name: 'utcDateTime', protocolType: S }],
  [0x3e, { name: 'programRunSummary', protocolType: O }],
  [0x3f, { name: 'programSessionSummary', protocolType: O }],
  [0x40, { name: 'liquidVolumeThroughput', protocolType: F }],
  [0x41, { name: 'weightOunces', protocolType: F, unit: 'oz' }],
  [0x42, { name: 'rectangle2D', protocolType: O }],
]);

/** List types whose name is not `<scalar>List`. */
const SPECIAL_LISTS: ReadonlyMap<number, string> = new Map([
  [0x9c, 'path'],
  [0x9d, 'polygon'],
]);

/** Content type of a refCID; ids >= 0x80 are lists of type (id - 0x80), carried as objects. */
export function contentTypeOf(refCID: number): ContentTypeInfo | undefined {
  const scalar = SCALAR.get(refCID);
  if (scalar) return scalar;
  if (refCID >= 0x80 && refCID <= 0xff) {
    const special = SPECIAL_LISTS.get(refCID);
    if (special) return { name: special, protocolType: 'Object' };
    const base = SCALAR.get(refCID - 0x80);
    return { name: base ? `${base.name}List` : `list${(refCID - 0x80).toString(16).toUpperCase()}`, protocolType: 'Object' };
  }
  return undefined;
}

/** refCID of uidValue: the value is a feature/program uid. */
export const CID_UID_VALUE = 0x15;
