/** JSON.parse for imported files: BOM tolerant, bounded, and errors never quote the (secret-bearing) text. */
import { HomeConnectError } from '../../errors';

/** Largest JSON file read: a records file with several appliances' XML is a few MB at most. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** Deepest nesting accepted; profile JSON is 4-5 levels deep. */
export const MAX_JSON_DEPTH = 64;

export function parseJson(text: string, fileName: string): unknown {
  if (text.length > MAX_JSON_BYTES) {
    throw new HomeConnectError('import', `${fileName} is too large for a profile file (more than ${MAX_JSON_BYTES} bytes of JSON).`, {
      details: { file: fileName },
    });
  }
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new HomeConnectError('import', `${fileName} is nested more than ${MAX_JSON_DEPTH} levels deep; it is not a profile file.`, {
      details: { file: fileName },
    });
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    // Never echo the parser's message: it quotes the text, which may hold a key.
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    throw new HomeConnectError('import', `${fileName} is not valid JSON${at ? ` (error at character ${at[1]})` : ''}.`, {
      details: { file: fileName },
    });
  }
}

/** Deepest bracket nesting of JSON text (strings skipped), stopping once past `limit`. Linear. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return max;
}
