/**
 * Topic names of the MQTT bridge, in the layout hcpy2-0's hc2mqtt uses since 0.4.0:
 * `<base>/<appliance>/state/<feature id>` where the feature id is the full key lower-cased with
 * dots turned into underscores.
 */

/** Longest topic segment we build from an appliance name (MQTT allows far more; nobody needs it). */
const MAX_SEGMENT = 64;

/** `BSH.Common.Status.DoorState` -> `bsh_common_status_doorstate` (hcpy2-0's state topic name). */
export function featureId(key: string): string {
  return key.toLowerCase().replace(/\./g, '_');
}

/**
 * An appliance name as one topic level: accents folded to ASCII (as hcpy2-0 does), every
 * character outside letters, digits, `_` and `-` replaced by `_`, so names can never add levels
 * or wildcards. Empty names become `appliance`.
 */
export function topicSegment(name: string, max = MAX_SEGMENT): string {
  const folded = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .trim()
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .slice(0, max);
  return folded === '' || /^_+$/.test(folded) ? 'appliance' : folded;
}

/** A topic prefix as configured (`homeconnect`, `homeconnect/`, `a/b`) without trailing slashes; no wildcards. */
export function cleanPrefix(prefix: unknown, fallback: string): string {
  if (typeof prefix !== 'string') return fallback;
  const p = prefix.trim().replace(/^\/+|\/+$/g, '');
  if (p === '' || p.length > 200 || /[+#]/.test(p) || p.includes('\u0000')) return fallback;
  return p;
}
