/**
 * XML text -> plain element tree for the profile parser. Namespace-agnostic on purpose:
 * real profiles use a default namespace that changed between schema revisions, and the
 * parser must look at local names only (protocol.md §4.1/§4.2). XInclude elements and
 * comments carry no profile data and are dropped here.
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
});

const ATTRS = ':@';
const TEXT = '#text';

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

function convert(node: OrderedNode): XmlElement | undefined {
  let qname: string | undefined;
  for (const k in node) {
    if (k !== ATTRS) {
      qname = k;
      break;
    }
  }
  if (qname === undefined || qname === TEXT || qname.startsWith('?') || isXInclude(qname)) return undefined;
  const attributes: Record<string, string> = {};
  const rawAttrs = node[ATTRS] as Record<string, unknown> | undefined;
  if (rawAttrs) {
    for (const a in rawAttrs) {
      if (a === 'xmlns' || a.startsWith('xmlns:')) continue;
      attributes[localName(a)] = String(rawAttrs[a]);
    }
  }
  const children: XmlElement[] = [];
  let text = '';
  const body = node[qname];
  if (Array.isArray(body)) {
    for (const c of body as OrderedNode[]) {
      if (c === null || typeof c !== 'object') continue;
      if (TEXT in c) {
        text += String(c[TEXT]);
        continue;
      }
      const el = convert(c);
      if (el) children.push(el);
    }
  }
  return { name: localName(qname), attributes, children, text: text.trim() };
}

/**
 * Parses XML text and returns its root element. `label` names the file in the error a
 * person sees. Throws HomeConnectError('profile') when the text is not XML.
 */
export function parseXml(xml: string, label: string): XmlElement {
  if (typeof xml !== 'string' || xml.trim() === '') {
    throw new HomeConnectError('profile', `${label} is empty; expected an XML document.`, { details: { file: label } });
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
    for (const node of doc as OrderedNode[]) {
      if (node && typeof node === 'object' && !(TEXT in node)) {
        const el = convert(node);
        if (el) return el;
      }
    }
  }
  throw new HomeConnectError('profile', `${label} is not an XML document (no root element found).`, {
    details: { file: label },
  });
}

/** Direct children with the given local name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** First direct child with the given local name. */
export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}
