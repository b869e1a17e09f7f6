/**
 * Objects keyed by names from a profile or an appliance: a feature may be called `__proto__`
 * (or `constructor`), and a plain `obj[key] = v` would then set the prototype instead of a
 * field. setOwn always creates an own, enumerable data property, so JSON and copies keep it.
 */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
