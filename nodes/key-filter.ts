/**
 * The in node's `filter` property: empty = everything; otherwise a comma-separated list of
 * full keys (`BSH.Common.Status.DoorState`), short keys (`DoorState`), trailing parts of a key
 * (`Cavity.001.CurrentTemperature`, `Favorite.001.Name`) or `*` wildcards (`BSH.Common.Status.*`,
 * `*.Event.*`, `Zone.*.PowerLevel`). A token matches a whole key or its end at a dot, so numbered
 * groups need no domain prefix. Matching ignores case so typing is forgiving.
 */
export type KeyFilter = (key: string) => boolean;

function filterTokens(text: unknown): string[] {
  return (typeof text === 'string' ? text : '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** True when the filter lets every key through (empty or only separators). */
export function isEmptyFilter(text: unknown): boolean {
  return filterTokens(text).length === 0;
}

export function parseKeyFilter(text: unknown): KeyFilter {
  const tokens = filterTokens(text);
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
    const re = new RegExp(`(?:^|\\.)${pattern}$`);
    return (key) => re.test(key.toLowerCase());
  }
  return (key) => {
    const k = key.toLowerCase();
    return k === lower || k.endsWith(`.${lower}`);
  };
}
