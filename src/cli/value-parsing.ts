/**
 * Turns KEY=VALUE words from the command line into user values for the library. The
 * library validates against the profile (enum members, ranges, types); this only decides
 * what the typed text most plausibly means: true/false, a number, JSON, or a plain word
 * (an enum member name or a string).
 */
import { UsageError } from './args';

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (NUMBER.test(trimmed)) {
    const n = Number(trimmed);
    if (Number.isFinite(n)) return n;
  }
  const first = trimmed[0];
  if (first === '{' || first === '[' || first === '"' || trimmed === 'null') {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      throw new UsageError(`the value ${shorten(trimmed)} looks like JSON but is not valid JSON`);
    }
  }
  // Enum member names and plain strings are passed as typed (surrounding spaces dropped).
  return trimmed;
}

export interface Assignment {
  key: string;
  value: unknown;
}

/** `KEY=VALUE` → {key, value}; the first `=` splits, so values may contain `=`. */
export function parseAssignment(word: string, flag: string): Assignment {
  const eq = word.indexOf('=');
  if (eq < 0) throw new UsageError(`--${flag} expects KEY=VALUE (got ${shorten(word)})`);
  const key = word.slice(0, eq).trim();
  const valueText = word.slice(eq + 1);
  if (key === '') throw new UsageError(`--${flag} expects KEY=VALUE with a key before "="`);
  if (valueText.trim() === '') throw new UsageError(`--${flag} ${key}= needs a value after "="`);
  return { key, value: parseValue(valueText) };
}

/** Several KEY=VALUE words into one object; the same key twice is a mistake, not "last wins". */
export function parseAssignments(words: readonly string[], flag: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const word of words) {
    const { key, value } = parseAssignment(word, flag);
    if (Object.prototype.hasOwnProperty.call(out, key)) throw new UsageError(`--${flag} ${key} was given twice`);
    out[key] = value;
  }
  return out;
}

/** A program reference: a uid written as digits becomes a number, anything else stays a key. */
export function parseProgramRef(text: string): string | number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export interface RawRequest {
  resource: string;
  action: 'GET' | 'POST' | 'NOTIFY';
  data?: unknown[];
}

/** `--raw '{"resource":"/ro/values","action":"GET"}'`; data may be one object or an array. */
export function parseRawRequest(text: string): RawRequest {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new UsageError('--raw expects JSON like {"resource":"/ro/allMandatoryValues","action":"GET"}');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new UsageError('--raw expects a JSON object with "resource", "action" and optional "data"');
  }
  const o = json as Record<string, unknown>;
  if (typeof o.resource !== 'string' || !o.resource.startsWith('/')) {
    throw new UsageError('--raw needs "resource", a path such as "/ro/values"');
  }
  const action = o.action === undefined ? 'GET' : typeof o.action === 'string' ? o.action.toUpperCase() : '';
  if (action !== 'GET' && action !== 'POST' && action !== 'NOTIFY') {
    throw new UsageError('--raw "action" must be GET, POST or NOTIFY');
  }
  const request: RawRequest = { resource: o.resource, action };
  if (o.data !== undefined) request.data = Array.isArray(o.data) ? o.data : [o.data];
  return request;
}

function shorten(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
