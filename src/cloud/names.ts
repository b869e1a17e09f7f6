/** Record names must be unique: they become topic segments and labels. */
export function uniqueName(base: string, taken: Set<string>): string {
  const clean = base.trim() || 'appliance';
  let name = clean;
  for (let n = 2; taken.has(name); n++) name = `${clean}-${n}`;
  taken.add(name);
  return name;
}
