/** Type guards shared across the library and the nodes. */

/**
 * A plain object to read fields from: not null, not an array, not a Buffer or typed array (a
 * Buffer payload is data, not a settings object).
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}
