/**
 * Reads `<description>` (type, brand, model = vib) from a DeviceDescription with a linear scan
 * (indexOf only, no backtracking regex: a file of unclosed openings must not take quadratic
 * time); the full parser lives elsewhere, import only needs these three names.
 */
export function readDescriptionInfo(deviceDescription: string): { type?: string; brand?: string; vib?: string } {
  const block = elementBody(deviceDescription, 'description', 0);
  if (block === undefined) return {};
  const body = stripComments(block);
  const out: { type?: string; brand?: string; vib?: string } = {};
  const type = field(body, 'type');
  const brand = field(body, 'brand');
  const vib = field(body, 'model');
  if (type !== undefined) out.type = type;
  if (brand !== undefined) out.brand = brand;
  if (vib !== undefined) out.vib = vib;
  return out;
}

function field(body: string, name: string): string | undefined {
  const open = findOpenTag(body, name, 0);
  if (open === undefined) return undefined;
  const lt = body.indexOf('<', open);
  const v = (lt < 0 ? '' : body.slice(open, lt)).trim();
  return v.length > 0 ? v : undefined;
}

/** Text between the first `<[prefix:]name ...>` and the next `</[prefix:]name>` after it. */
function elementBody(text: string, name: string, from: number): string | undefined {
  const start = findOpenTag(text, name, from);
  if (start === undefined) return undefined;
  // The first closing tag after the first opening: one forward scan, never restarted.
  let i = start;
  for (;;) {
    const lt = text.indexOf('</', i);
    if (lt < 0) return undefined;
    const gt = text.indexOf('>', lt);
    if (gt < 0) return undefined;
    if (localName(text.slice(lt + 2, gt).trim()) === name) return text.slice(start, lt);
    i = lt + 2;
  }
}

/** Index just after the `>` of the first opening tag `<[prefix:]name ...>` from `from`. */
function findOpenTag(text: string, name: string, from: number): number | undefined {
  let i = from;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return undefined;
    let j = lt + 1;
    while (j < text.length && /[\w.:-]/.test(text.charAt(j))) j++;
    if (j > lt + 1 && localName(text.slice(lt + 1, j)) === name) {
      const c = text.charAt(j);
      if (c === '>' || c === '/' || c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        const gt = text.indexOf('>', j);
        return gt < 0 ? undefined : gt + 1;
      }
    }
    i = lt + 1;
  }
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

function stripComments(text: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const a = text.indexOf('<!--', i);
    if (a < 0) return out + text.slice(i);
    out += text.slice(i, a);
    const b = text.indexOf('-->', a + 4);
    if (b < 0) return out;
    i = b + 3;
  }
}
