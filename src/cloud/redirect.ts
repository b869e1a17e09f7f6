/**
 * Reads the login code out of whatever the person pasted after the browser login
 * (protocol.md §5.2 step 3): the hcauth:// address, the https …/auth/prod form, a
 * fragment, or just the code. The pasted text is never echoed back in errors.
 */
import { HomeConnectError } from '../errors';

export interface ParsedRedirect {
  code: string;
  state?: string;
}

const MAX_INPUT = 16384;
const BARE_CODE = /^[A-Za-z0-9._~%+/=-]+$/;

function noCode(): HomeConnectError {
  return new HomeConnectError(
    'cloud',
    'The pasted text does not contain a login code; after logging in, copy the whole address from the browser address bar (it starts with hcauth://auth/prod?code=) and paste it',
  );
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Candidate parameter strings: query, fragment, or the text itself when it is `code=…&…`. */
function parameterParts(text: string): string[] {
  const parts: string[] = [];
  const hash = text.indexOf('#');
  const beforeHash = hash >= 0 ? text.slice(0, hash) : text;
  const question = beforeHash.indexOf('?');
  if (question >= 0) parts.push(beforeHash.slice(question + 1));
  if (hash >= 0) {
    const fragment = text.slice(hash + 1);
    const q = fragment.indexOf('?');
    parts.push(q >= 0 ? fragment.slice(q + 1) : fragment);
  }
  if (question < 0 && hash < 0 && text.includes('=')) parts.push(text);
  return parts;
}

export function parseRedirect(input: string): ParsedRedirect {
  if (typeof input !== 'string' || input.length > MAX_INPUT) throw noCode();
  // Copying from terminals and chat adds quotes, angle brackets and line breaks.
  const trimmed = input
    .trim()
    .replace(/^["'`<(]+|["'`>),;.]+$/g, '')
    .trim();
  if (!trimmed) throw noCode();

  const looksLikeAddress = trimmed.includes('://') || trimmed.includes('=') || /[?#]/.test(trimmed);
  if (looksLikeAddress) {
    // An address never holds spaces; a wrapped line does.
    const text = trimmed.replace(/\s+/g, '');
    let oauthError: string | undefined;
    for (const part of parameterParts(text)) {
      const params = new URLSearchParams(part);
      const code = params.get('code');
      if (code) {
        const state = params.get('state');
        return state ? { code, state } : { code };
      }
      oauthError ??= params.get('error') ?? undefined;
    }
    if (oauthError) {
      const safe = oauthError.replace(/[^A-Za-z0-9_ .-]/g, '').slice(0, 80);
      throw new HomeConnectError('cloud', `The login was not completed (the cloud answered "${safe}"); start the login again`);
    }
    throw noCode();
  }
  if (!BARE_CODE.test(trimmed)) throw noCode();
  return { code: decode(trimmed) };
}
