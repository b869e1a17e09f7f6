/**
 * Cheap checks that a text is the profile XML we expect, without parsing it: the first element
 * must be `<device>` (DeviceDescription) or `<featureMappingFile>` (FeatureMapping), namespace
 * prefix ignored. Catches swapped, truncated-to-nothing and non-XML files with a clear message.
 */
import { HomeConnectError } from '../../errors';

/** Largest profile XML read; real DeviceDescriptions are up to ~170 kB. Checked before parsing. */
export const MAX_XML_CHARS = 4 * 1024 * 1024;

export type ProfileXmlKind = 'deviceDescription' | 'featureMapping';

const ROOT: Record<ProfileXmlKind, string> = { deviceDescription: 'device', featureMapping: 'featureMappingFile' };
const LABEL: Record<ProfileXmlKind, string> = {
  deviceDescription: 'DeviceDescription',
  featureMapping: 'FeatureMapping',
};

/** UTF-8 bytes to text, without a byte-order mark. */
export function bytesToText(data: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(data);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Local name of the first element, skipping the prolog (declaration, comments, doctype). */
export function rootElementName(text: string): string | undefined {
  let i = 0;
  const n = Math.min(text.length, 1 << 20);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) {
      i++;
      continue;
    }
    if (c !== 0x3c /* < */) return undefined;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      const end = text.indexOf('>', i + 2);
      if (end < 0) return undefined;
      i = end + 1;
    } else {
      const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(text.slice(i, i + 200));
      return m ? m[2] : undefined;
    }
  }
  return undefined;
}

/** Returns the text when it is the expected profile XML; throws HomeConnectError('import') naming `source`. */
export function checkProfileXml(text: unknown, kind: ProfileXmlKind, source: string): string {
  const label = LABEL[kind];
  if (typeof text !== 'string' || text.trim().length === 0) {
    throw importError(`${source}: the ${label} XML is missing or empty.`, source);
  }
  if (text.length > MAX_XML_CHARS) {
    throw importError(`${source}: the ${label} XML is too large for a profile (more than ${MAX_XML_CHARS} characters).`, source);
  }
  const root = rootElementName(text);
  if (root === ROOT[kind]) return text;
  const other: ProfileXmlKind = kind === 'deviceDescription' ? 'featureMapping' : 'deviceDescription';
  if (root === ROOT[other]) {
    throw importError(`${source} is a ${LABEL[other]}, not a ${label} (the two files look swapped).`, source);
  }
  if (root === undefined) {
    throw importError(`${source} is not an XML file; expected the ${label} (root element <${ROOT[kind]}>).`, source);
  }
  throw importError(`${source} is an XML file with root <${root}>, not a ${label} (root element <${ROOT[kind]}>).`, source);
}

function importError(message: string, source: string): HomeConnectError {
  return new HomeConnectError('import', message, { details: { source } });
}
