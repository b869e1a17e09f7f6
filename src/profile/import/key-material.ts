/**
 * Key material as found in profiles and configs (protocol.md §1.2, §2.1): base64url, either
 * alphabet, padding optional. The key decodes to 32 bytes, the IV to 16. Error messages name the
 * source and the problem but never echo the text, which is a secret.
 */
import { HomeConnectError } from '../../errors';
import type { ErrorKind } from '../../errors';
import type { ConnectionType } from '../types';

const EXPECTED_BYTES = { key: 32, iv: 16 } as const;
const BASE64_ANY = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The one decoder of key material: a key ('key', 32 bytes) or IV ('iv', 16 bytes). Throws
 * HomeConnectError (kind 'import' unless given) naming the source and problem, never the text.
 */
export function decodeKey(text: unknown, what: 'key' | 'iv', source?: string, kind: ErrorKind = 'import'): Buffer {
  const where = source ? `${source}: ` : '';
  const label = what === 'key' ? 'the key' : 'the iv';
  const fail = (problem: string): never => {
    throw new HomeConnectError(kind, `${where}${label} ${problem}.`, {
      details: { ...(source ? { source } : {}), field: what },
    });
  };
  if (text === undefined || text === null) return fail('is missing');
  if (typeof text !== 'string') return fail(`must be a base64url text, not ${describeType(text)}`);
  const s = text.trim();
  if (s.length === 0) return fail('is empty');
  if (!BASE64_ANY.test(s)) return fail('is not base64url text (it contains other characters)');
  const bytes = Buffer.from(s, 'base64url');
  const want = EXPECTED_BYTES[what];
  if (bytes.length !== want) return fail(`must decode to ${want} bytes but decodes to ${bytes.length}`);
  return bytes;
}

/** decodeKey for places that only need to know: the bytes, or undefined for anything unusable. */
export function tryDecodeKey(text: unknown, what: 'key' | 'iv'): Buffer | undefined {
  try {
    return decodeKey(text, what);
  } catch {
    return undefined;
  }
}

/** Canonical storage form: base64url without padding. */
export function normalizeKey(text: unknown, what: 'key' | 'iv', source?: string): string {
  return decodeKey(text, what, source).toString('base64url');
}

/**
 * Host name hcpy and the profile downloader write by default (protocol.md §1.1, §5.6); '' (the
 * person enters one) when a TLS profile lacks the brand or type the name is made of.
 */
export function defaultHost(r: { brand: string; type: string; haId: string; connectionType: ConnectionType }): string {
  if (r.connectionType !== 'TLS') return r.haId;
  return r.brand && r.type ? `${r.brand}-${r.type}-${r.haId}` : '';
}

function describeType(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
