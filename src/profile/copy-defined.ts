/**
 * Copies the listed properties of `from` that are defined onto `into`; an undefined value never
 * overwrites. Used where a more specific view (a program's own option, a write target) is laid
 * over a feature's attributes.
 */
export function copyDefined<S, K extends keyof S>(into: { [P in K]?: S[P] }, from: S, keys: readonly K[]): void {
  for (const k of keys) {
    const v = from[k];
    if (v !== undefined) into[k] = v;
  }
}
