/**
 * `npm run bench`: runs every test/bench/*.bench.js module, prints a table and writes
 * test/bench/results.json. Each module exports `run(): Promise<BenchResult[]>`; figures are
 * medians of several runs, measured by the module itself. Never used by tests.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface BenchResult {
  group: string;
  name: string;
  value: number;
  unit: string;
  note?: string;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const results: BenchResult[] = [];
  for (const f of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the modules are found at run time
    const mod = require(path.join(__dirname, f)) as { run: () => Promise<BenchResult[]> };
    const r = await mod.run();
    results.push(...r);
    for (const x of r) printRow(x);
  }
  const repo = path.resolve(__dirname, '..', '..', '..');
  const out = path.join(repo, 'test', 'bench', 'results.json');
  const doc = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    results,
  };
  if (only.length === 0) fs.writeFileSync(out, JSON.stringify(doc, null, 2) + '\n');
  console.log(only.length === 0 ? `\nwritten ${path.relative(repo, out)}` : '\n(partial run: results.json not written)');
}

function printRow(r: BenchResult): void {
  const v = r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toFixed(3);
  console.log(`${r.group.padEnd(14)} ${r.name.padEnd(52)} ${v.padStart(14)} ${r.unit}${r.note ? '  (' + r.note + ')' : ''}`);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
