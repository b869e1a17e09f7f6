/**
 * Last line of defence for diagnostics: besides never putting credentials in, every string of
 * the output is checked for the secret bytes in the encodings people and tools use
 * (base64url, base64, hex). A string that contains one is replaced as a whole.
 */
import { setOwn } from '../profile/own-key';
import { tryDecodeKey } from '../profile/import/key-material';

export const REDACTED = '[redacted]';

/**
 * Substrings that appear in any base64/base64url text holding `secret` at any byte offset:
 * the characters that depend only on the secret's bits, for each of the three alignments.
 */
function base64Fragments(secret: Buffer): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const padded = Buffer.concat([Buffer.alloc(k), secret]);
    const first = Math.ceil((8 * k) / 6);
    const last = Math.floor((8 * (k + secret.length) - 6) / 6);
    for (const enc of ['base64', 'base64url'] as const) {
      const text = padded.toString(enc).slice(first, last + 1);
      if (text.length >= 8) out.push(text);
    }
  }
  return out;
}

/** Case-sensitive needles (base64 forms) and lower-case needles (hex). */
export interface SecretNeedles {
  exact: string[];
  lower: string[];
}

export function secretNeedles(secrets: Buffer[]): SecretNeedles {
  const exact = new Set<string>();
  const lower = new Set<string>();
  for (const s of secrets) {
    // Very short "secrets" would redact ordinary text; real keys are 16 or 32 bytes.
    if (!Buffer.isBuffer(s) || s.length < 8) continue;
    for (const f of base64Fragments(s)) exact.add(f);
    lower.add(s.toString('hex'));
    // Keys that happen to be printable text (demo keys are) must not leak as text either.
    const latin1 = s.toString('latin1');
    if (/^[\x20-\x7e]+$/.test(latin1)) exact.add(latin1);
  }
  return { exact: [...exact], lower: [...lower] };
}

function leaks(text: string, needles: SecretNeedles): boolean {
  if (needles.exact.some((n) => text.includes(n))) return true;
  if (needles.lower.length === 0) return false;
  const low = text.toLowerCase();
  return needles.lower.some((n) => low.includes(n));
}

/**
 * Field names whose values never leave (compared lower-case): one list for diagnostics, the
 * traffic log and `watch --raw`. nonce/response are the ci-2 authentication exchange.
 */
const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'key',
  'iv',
  'psk',
  'password',
  'passwd',
  'secret',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'authorization',
  'credentials',
  'verifier',
  'code_verifier',
  'profiles',
  'nonce',
  'response',
]);

export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(name.toLowerCase());
}

const NO_NEEDLES: SecretNeedles = { exact: [], lower: [] };

/**
 * The one redactor: a JSON-safe copy of `value` with secret-named fields (key, iv, token,
 * password, psk, nonce ...) replaced and, when `secrets` are given, every string (object keys
 * too) that holds one of them replaced. Depth is bounded.
 */
export function redactSecrets(value: unknown, secrets: Buffer[] = []): unknown {
  const needles = secrets.length > 0 ? secretNeedles(secrets) : NO_NEEDLES;
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 32) return '[…]';
    if (typeof v === 'string') return leaks(v, needles) ? REDACTED : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      let hidden = 0;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const name = leaks(k, needles) ? `${REDACTED}${hidden++}` : k;
        setOwn(out, name, isSecretField(k) ? REDACTED : walk(x, depth + 1));
      }
      return out;
    }
    if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol') return `[${typeof v}]`;
    return v;
  };
  return walk(value, 0);
}

/** The bytes of a record's key and iv, skipping what does not decode (redaction by field name still hides it). */
export function secretsOf(record: { key?: unknown; iv?: unknown }): Buffer[] {
  const out: Buffer[] = [];
  for (const [text, what] of [
    [record.key, 'key'],
    [record.iv, 'iv'],
  ] as const) {
    const buf = tryDecodeKey(text, what);
    if (buf) out.push(buf);
  }
  return out;
}
