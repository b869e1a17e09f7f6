/**
 * The in node's `filter` property: empty = everything; otherwise a comma-separated list of
 * full keys (`BSH.Common.Status.DoorState`), short keys (`DoorState`) or `*` wildcards
 * (`BSH.Common.Status.*`, `*.Event.*`). Matching ignores case so typing is forgiving.
 */
export type KeyFilter = (key: string) => boolean;

export function parseKeyFilter(text: unknown): KeyFilter {
  const tokens = (typeof text === 'string' ? text : '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  if (tokens.length === 0) return () => true;
  const tests = tokens.map(tokenTest);
  return (key) => tests.some((test) => test(key));
}

function tokenTest(token: string): KeyFilter {
  const lower = token.toLowerCase();
  if (lower.includes('*')) {
    const pattern = lower
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    const re = new RegExp(`^${pattern}$`);
    return (key) => re.test(key.toLowerCase());
  }
  if (lower.includes('.')) return (key) => key.toLowerCase() === lower;
  return (key) => {
    const k = key.toLowerCase();
    return k === lower || k.endsWith(`.${lower}`);
  };
}
