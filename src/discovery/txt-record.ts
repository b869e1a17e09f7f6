/**
 * The TXT record Home Connect appliances publish with their `_homeconnect._tcp` service
 * (docs: README "Finding appliances"): txtvers, vers, id (the haId), mac, brand, type, vib, info, and
 * tls ("true" on appliances that speak TLS-PSK on 443; absent on AES appliances, port 80).
 * Read defensively: the data comes from any device on the network.
 */

export interface ApplianceTxt {
  haId: string;
  brand?: string;
  type?: string;
  vib?: string;
  mac?: string;
  vers?: string;
  tls: boolean;
}

/** Bounds on what one record may hold before it is ignored as junk. */
const MAX_ENTRIES = 32;
const MAX_ENTRY_BYTES = 255; // one TXT string is at most 255 bytes on the wire
const HA_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const PRINTABLE = /^[\x20-\x7e]*$/;

/** key=value strings (Buffers or strings as DNS libraries hand them out) → a lower-cased key map. */
export function txtEntries(data: unknown): Map<string, string> | undefined {
  const list = Array.isArray(data) ? data : data === undefined ? [] : [data];
  if (list.length > MAX_ENTRIES) return undefined;
  const out = new Map<string, string>();
  for (const item of list) {
    let text: string;
    if (Buffer.isBuffer(item)) text = item.toString('utf8');
    else if (typeof item === 'string') text = item;
    else return undefined;
    if (text.length > MAX_ENTRY_BYTES) return undefined;
    const eq = text.indexOf('=');
    const key = (eq >= 0 ? text.slice(0, eq) : text).trim().toLowerCase();
    if (key === '' || out.has(key)) continue; // the first occurrence counts (RFC 6763 §6.4)
    out.set(key, eq >= 0 ? text.slice(eq + 1) : '');
  }
  return out;
}

function field(entries: Map<string, string>, key: string): string | undefined {
  const v = entries.get(key)?.trim();
  return v !== undefined && v !== '' && v.length <= 64 && PRINTABLE.test(v) ? v : undefined;
}

/** The appliance fields of a TXT record; undefined when it carries no usable haId (not an appliance, or junk). */
export function parseApplianceTxt(data: unknown): ApplianceTxt | undefined {
  const entries = txtEntries(data);
  if (!entries) return undefined;
  const haId = field(entries, 'id');
  if (!haId || !HA_ID.test(haId)) return undefined;
  const out: ApplianceTxt = { haId, tls: entries.get('tls')?.trim().toLowerCase() === 'true' };
  for (const key of ['brand', 'type', 'vib', 'mac', 'vers'] as const) {
    const v = field(entries, key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A TXT record like a real appliance's, for the simulator's advertisement. */
export function applianceTxt(fields: ApplianceTxt & { info?: string }): string[] {
  const out = ['txtvers=1', `vers=${fields.vers ?? '5.4-3.11.4.1'}`, `id=${fields.haId}`];
  if (fields.mac) out.push(`mac=${fields.mac}`);
  if (fields.brand) out.push(`brand=${fields.brand}`);
  if (fields.type) out.push(`type=${fields.type}`);
  if (fields.vib) out.push(`vib=${fields.vib}`);
  out.push(`info=${fields.info ?? ''}`);
  if (fields.tls) out.push('tls=true');
  return out;
}
