/**
 * Smart-start planner speed: plans per second over 96 quarter-hour price slots (a day ahead) for a
 * 2 h program on a one-minute delayed-start grid (the floor asked for is 1 000 plans/s), flat and
 * with an 8-part energy shape.
 */
import { planStart, type Slot } from '../../src/planner';
import { median, type BenchResult } from './run';

const Q = 900_000;
const T0 = Date.parse('2026-12-08T00:00:00Z');

function series(): Slot[] {
  // a daily price curve with a night valley and an evening peak, plus deterministic noise
  return Array.from({ length: 96 }, (_, i) => ({
    start: T0 + i * Q,
    end: T0 + (i + 1) * Q,
    value: 0.3 + 0.1 * Math.sin((i / 96) * 2 * Math.PI - 2) + ((i * 7919) % 13) / 1000,
  }));
}

function plansPerSecond(shape?: number[]): number {
  const s = series();
  const input = {
    series: s,
    durationMs: 2 * 3_600_000,
    deadline: T0 + 96 * Q,
    now: T0,
    stepMs: 60_000,
    ...(shape ? { energyShape: shape } : {}),
  };
  for (let i = 0; i < 200; i++) planStart(input); // warm-up
  const rates: number[] = [];
  for (let r = 0; r < 7; r++) {
    const n = 300;
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) planStart(input);
    rates.push(n / (Number(process.hrtime.bigint() - t) / 1e9));
  }
  return median(rates);
}

export async function run(): Promise<BenchResult[]> {
  return [
    { group: 'planner', name: '96 quarter-hour slots, 2 h run, 1 min grid, flat', value: plansPerSecond(), unit: 'plans/s' },
    {
      group: 'planner',
      name: '96 quarter-hour slots, 2 h run, 1 min grid, 8-part shape',
      value: plansPerSecond([3, 1, 1, 1, 1, 1, 1, 2]),
      unit: 'plans/s',
    },
  ];
}
