/**
 * XML text -> plain element tree for the profile parser. Namespace-agnostic on purpose:
 * real profiles use a default namespace that changed between schema revisions, and the
 * parser must look at local names only (protocol.md §4.1/§4.2). XInclude elements and
 * comments carry no profile data and are dropped here.
 *
 * Speed and memory (a 108 kB DeviceDescription is parsed per appliance): fast-xml-parser's
 * ordered output is its native form (the unordered one is an extra pass over it), path
 * strings for callbacks are switched off, and its attribute objects are handed on as they
 * are when no name needs its prefix stripped. Every attribute value and text goes through
 * an intern table: repeated values ("true", "read", "03", ...) become one string, and long
 * ones are copied out of the file text, which V8 would otherwise keep alive as a whole
 * for every substring taken from it.
 */
import { XMLParser } from 'fast-xml-parser';
import { HomeConnectError, errorMessage } from '../errors';

export interface XmlElement {
  /** Local name (prefix stripped). */
  name: string;
  /** Attributes by local name, values as written; xmlns declarations dropped. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated, trimmed text content ('' when none). */
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  jPath: false, // callbacks (none used) would otherwise get a path string built per element
});

/** Largest XML document parsed (real profiles are up to ~170 kB); checked before parsing. */
export const MAX_XML_CHARS = 4 * 1024 * 1024;

const ATTRS = ':@';
const TEXT = '#text';
/** Shared by every element without children (most of them); frozen so a push cannot leak. */
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];

/** Strings from one document: one instance per distinct value, none sharing the file's memory. */
class Interner {
  private readonly seen = new Map<string, string>();
  get(s: string): string {
    const hit = this.seen.get(s);
    if (hit !== undefined) return hit;
    // V8 keeps substrings of 13+ characters as views into the whole file text; a
    // concatenation flattened by slice() is a copy of just this value.
    const own = s.length >= 13 ? (' ' + s).slice(1) : s;
    this.seen.set(own, own);
    return own;
  }
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

function isXInclude(qname: string): boolean {
  // xi:include / xi:fallback under any prefix; an unprefixed <include> is kept (not XInclude by name).
  const i = qname.indexOf(':');
  if (i < 0) return false;
  const local = qname.slice(i + 1);
  return local === 'include' || local === 'fallback';
}

type OrderedNode = Record<string, unknown>;

/** The parser's attribute object, reused when every name is already local; values interned. */
function attributesOf(raw: Record<string, unknown> | undefined, strings: Interner): Record<string, string> {
  if (raw === undefined) return {};
  let plain = true;
  for (const a in raw) {
    if (a.indexOf(':') >= 0 || a === 'xmlns' || typeof raw[a] !== 'string') {
      plain = false;
      break;
    }
  }
  if (plain) {
    const own = raw as Record<string, string>;
    for (const a in own) own[a] = strings.get(own[a]);
    return own;
  }
  const attributes: Record<string, string> = {};
  for (const a in raw) {
    if (a === 'xmlns' || a.startsWith('xmlns:')) continue;
    attributes[localName(a)] = strings.get(String(raw[a]));
  }
  return attributes;
}

function convert(node: OrderedNode, strings: Interner): XmlElement | undefined {
  let qname: string | undefined;
  for (const k in node) {
    if (k !== ATTRS) {
      qname = k;
      break;
    }
  }
  if (qname === undefined || qname === TEXT || qname.charCodeAt(0) === 63 /* ? */ || isXInclude(qname)) return undefined;
  const attributes = attributesOf(node[ATTRS] as Record<string, unknown> | undefined, strings);
  let children = NO_CHILDREN;
  let text = '';
  const body = node[qname];
  if (Array.isArray(body)) {
    for (let i = 0; i < body.length; i++) {
      const c = body[i] as OrderedNode;
      if (c === null || typeof c !== 'object') continue;
      const t = c[TEXT];
      if (t !== undefined) {
        // parseTagValue is off, so text nodes are strings; anything else is not text.
        if (typeof t === 'string') text += t;
        continue;
      }
      const el = convert(c, strings);
      if (el === undefined) continue;
      if (children === NO_CHILDREN) children = [];
      children.push(el);
    }
  }
  if (text !== '') text = strings.get(text.trim());
  return { name: localName(qname), attributes, children, text };
}

/**
 * Parses XML text and returns its root element. `label` names the file in the error a
 * person sees. Throws HomeConnectError('profile') when the text is not XML.
 */
export function parseXml(xml: string, label: string): XmlElement {
  if (typeof xml !== 'string' || xml.trim() === '') {
    throw new HomeConnectError('profile', `${label} is empty; expected an XML document.`, { details: { file: label } });
  }
  if (xml.length > MAX_XML_CHARS) {
    throw new HomeConnectError('profile', `${label} is too large for a profile (more than ${MAX_XML_CHARS} characters of XML).`, {
      details: { file: label },
    });
  }
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    throw new HomeConnectError('profile', `${label} is not well-formed XML (${errorMessage(e)}).`, {
      details: { file: label },
      cause: e,
    });
  }
  if (Array.isArray(doc)) {
    const strings = new Interner();
    for (const node of doc as OrderedNode[]) {
      if (node && typeof node === 'object' && !(TEXT in node)) {
        const el = convert(node, strings);
        if (el) return el;
      }
    }
  }
  throw new HomeConnectError('profile', `${label} is not an XML document (no root element found).`, {
    details: { file: label },
  });
}
