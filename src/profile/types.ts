/**
 * Public shapes of the device-profile layer. Everything above src/profile speaks in these
 * types: keys (`BSH.Common.Status.DoorState`) and user values (`"Open"`); uids and raw
 * values appear only at the session boundary.
 */

export type FeatureKind = 'status' | 'setting' | 'event' | 'command' | 'option' | 'program' | 'programGroup' | 'list' | 'root' | 'other';

/** Lower-camel as in the XML; dynamic upper-case values are normalised to these. */
export type Access = 'read' | 'readWrite' | 'writeOnly' | 'none' | 'readStatic';

/** Coarse wire type derived from refCID (protocol.md §4.4). */
export type ProtocolType = 'Boolean' | 'Integer' | 'Float' | 'String' | 'Object';

export interface EnumerationType {
  /** enid (hex in XML) as a number. */
  id: number;
  /** e.g. BSH.Common.EnumType.DoorState, when FeatureMapping names it. */
  key?: string;
  /** Allowed members on this appliance: wire integer (as decimal string key) -> member name. */
  members: Record<string, string>;
}

/** Per-program view of an option (<option refUID .../> inside <program>). */
export interface ProgramOption {
  uid: number;
  key: string;
  access?: Access;
  available?: boolean;
  liveUpdate?: boolean;
  min?: number;
  max?: number;
  stepSize?: number;
  default?: string;
  initValue?: string;
  /** Every XML attribute as written. */
  attributes: Record<string, string>;
}

export interface Feature {
  /** Wire uid (hex in XML, decimal on the wire). */
  uid: number;
  /** Full dotted key from FeatureMapping, or `uid:<n>` when unnamed. */
  key: string;
  /** Last dotted segment of key. */
  shortKey: string;
  kind: FeatureKind;
  access?: Access;
  available?: boolean;
  min?: number;
  max?: number;
  stepSize?: number;
  default?: string;
  initValue?: string;
  notifyOnChange?: boolean;
  liveUpdate?: boolean;
  /** selectOnly | startOnly | selectAndStart | none (lower-camel). */
  execution?: string;
  fullOptionSet?: boolean;
  validate?: boolean;
  passwordProtected?: boolean;
  /** Events: none | acknowledge | decision. */
  handling?: string;
  /** Events: info | hint | warning | alert | critical. */
  level?: string;
  refCID?: number;
  refDID?: number;
  /** Content type name from refCID (boolean, enumeration, temperatureCelsius, timeSpan, percent ...). */
  contentType?: string;
  protocolType?: ProtocolType;
  /** Unit for numbers (°C, °F, s, %, g, ml, rpm ...). */
  unit?: string;
  /** Enumeration, resolved (allowed members of this appliance). */
  enumeration?: EnumerationType;
  /** uid of the containing list / program group. */
  parentUid?: number;
  /** Programs only: their options with per-program overrides. */
  options?: ProgramOption[];
  /** Every XML attribute as written (strings), unknown ones included. */
  attributes: Record<string, string>;
}

export interface DeviceDescriptionInfo {
  type: string;
  brand: string;
  model: string;
  version?: string;
  revision?: string;
}

/** One item of /ro/allDescriptionChanges or NOTIFY /ro/descriptionChange (values as on the wire). */
export interface DescriptionChangeItem {
  uid: number;
  parentUID?: number;
  access?: string;
  available?: boolean;
  min?: number;
  max?: number;
  stepSize?: number;
  default?: unknown;
  enumType?: number;
  execution?: string;
  value?: unknown;
  [other: string]: unknown;
}

/** A wire value decoded through the profile. */
export interface DecodedValue {
  uid: number;
  key: string;
  kind: FeatureKind;
  /** User value: enum member name, boolean, number, string, object, program key. */
  value: unknown;
  /** As on the wire. */
  raw: unknown;
  unit?: string;
}

/** A write ready for the wire: uid first (protocol.md §3.7). */
export interface WireItem {
  uid: number;
  value: unknown;
}

export type ConnectionType = 'TLS' | 'AES';

/** hcpy features map: decimal-string uid -> string attributes (+ values map). */
export type HcpyFeatures = Record<string, Record<string, unknown>>;

/**
 * The normalized, JSON-serializable record of one appliance: the storage form used
 * everywhere (import, cloud login, config node credentials, CLI).
 */
export interface ApplianceRecord {
  haId: string;
  name: string;
  brand: string;
  type: string;
  vib: string;
  host: string;
  connectionType: ConnectionType;
  /** base64url, 32 bytes decoded. SECRET. */
  key: string;
  /** base64url, 16 bytes decoded (AES only). SECRET. */
  iv?: string;
  deviceDescription?: string;
  featureMapping?: string;
  /** hcpy imports only (no XML available). */
  features?: HcpyFeatures;
  mac?: string;
  serialNumber?: string;
}

export interface ProfileWarning {
  message: string;
  element?: string;
}
