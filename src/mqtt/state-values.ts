/** How a decoded value is written to a state topic. */

/** `json`: true/false as JSON; `hcpy`: True/False as hcpy2-0 prints Python booleans. */
export type BooleanStyle = 'json' | 'hcpy';

/** Longest state payload published; longer structured values are cut (they are diagnostics, not states). */
export const MAX_STATE_PAYLOAD = 16 * 1024;

export function booleanText(value: boolean, style: BooleanStyle): string {
  if (style === 'hcpy') return value ? 'True' : 'False';
  return value ? 'true' : 'false';
}

/**
 * Strings as they are (enum member names, program keys), numbers and booleans as text, anything
 * else as JSON. Never empty: an empty retained payload would delete the topic, so a missing
 * value is `null` (JSON) or `None` (hcpy).
 */
export function stateText(value: unknown, style: BooleanStyle): string {
  if (typeof value === 'string') return value.length > MAX_STATE_PAYLOAD ? value.slice(0, MAX_STATE_PAYLOAD) : value === '' ? '""' : value;
  if (typeof value === 'boolean') return booleanText(value, style);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === undefined || value === null) return style === 'hcpy' ? 'None' : 'null';
  let text: string;
  try {
    text = JSON.stringify(value) ?? 'null';
  } catch {
    text = 'null';
  }
  return text.length > MAX_STATE_PAYLOAD ? text.slice(0, MAX_STATE_PAYLOAD) : text;
}
