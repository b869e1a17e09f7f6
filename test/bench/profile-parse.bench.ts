/**
 * Profile parse time per real DeviceDescription/FeatureMapping pair (median of 25 runs after
 * warm-up) and decode throughput on the hot path (values/s).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseProfile } from '../../src/profile';
import { median, type BenchResult } from './run';
import { rawProfilesDir } from '../support/paths';

const RUNS = 25;

function ms(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function run(): Promise<BenchResult[]> {
  const dir = rawProfilesDir;
  const out: BenchResult[] = [];
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('_DeviceDescription.xml'))
    .sort()
    .map((f) => f.replace(/_DeviceDescription\.xml$/, ''));
  for (const name of names) {
    const dd = fs.readFileSync(path.join(dir, `${name}_DeviceDescription.xml`), 'utf8');
    const fm = fs.readFileSync(path.join(dir, `${name}_FeatureMapping.xml`), 'utf8');
    for (let i = 0; i < 5; i++) parseProfile(dd, fm);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(ms(() => parseProfile(dd, fm)));
    const kb = Math.round((dd.length + fm.length) / 1024);
    out.push({
      group: 'profile',
      name: `parse ${name.replace(/-000000000000$/, '')}`,
      value: median(times),
      unit: 'ms',
      note: `${kb} kB, median of ${RUNS}`,
    });
  }

  // Decode throughput: a realistic mix of values (enum, bool, number, program root) on the washer.
  const washer = names.find((n) => n.includes('WM6HXF91NL')) ?? names[0];
  const p = parseProfile(
    fs.readFileSync(path.join(dir, `${washer}_DeviceDescription.xml`), 'utf8'),
    fs.readFileSync(path.join(dir, `${washer}_FeatureMapping.xml`), 'utf8'),
  );
  const items: Array<[number, unknown]> = [];
  for (const f of p.allFeatures()) {
    if (f.enumeration) items.push([f.uid, Number(Object.keys(f.enumeration.members)[0] ?? 0)]);
    else if (f.protocolType === 'Boolean') items.push([f.uid, true]);
    else if (f.protocolType === 'Integer' || f.protocolType === 'Float') items.push([f.uid, 42]);
  }
  items.push([256, p.programs()[0]?.uid ?? 0]);
  const N = 200_000;
  const rates: number[] = [];
  let sink = 0;
  for (let r = 0; r < 7; r++) {
    const t = ms(() => {
      for (let i = 0; i < N; i++) {
        const it = items[i % items.length];
        if (p.decode(it[0], it[1]) !== undefined) sink++;
      }
    });
    rates.push(N / (t / 1000));
  }
  if (sink === 0) throw new Error('decode bench decoded nothing');
  out.push({
    group: 'profile',
    name: `decode ${washer} (mixed values)`,
    value: median(rates),
    unit: 'values/s',
    note: `${items.length} features, median of 7`,
  });
  return out;
}
