/**
 * The smart-start planner: the start time that minimises what a program's run costs within
 * [now, deadline − duration], on the grid of the appliance's delayed-start option. Pure: no clock,
 * no I/O; every instant is absolute (epoch ms), so time zones and daylight-saving changes only
 * matter where wall-clock times are read (times.ts).
 *
 * Rules (README "Smart start"):
 * - Cost of a run = the energy-weighted mean value over the run: each of the energy shape's equal
 *   parts carries its share of the program's energy (flat when no shape is given).
 * - Objective "cheapest" minimises the price; "solar" maximises the forecast covered, i.e. treats the
 *   forecast as a negative price.
 * - Time the series does not cover (gaps, after its end) counts at the series' worst value (the
 *   highest price; for solar the lowest forecast), so a known window always wins over the unknown.
 * - Ties: the earliest start wins. A deadline too close for the program: start now, and say so.
 */
import { HomeConnectError } from '../errors';
import type { Slot } from './series';

export type Objective = 'cheapest' | 'solar';

export interface PlanInput {
  series: readonly Slot[];
  /** Expected run time of the program. */
  durationMs: number;
  /** The run must be finished by then. */
  deadline: number;
  now: number;
  /** Step of the appliance's delayed-start option (default one minute). */
  stepMs?: number;
  objective?: Objective;
  /** Share of the program's energy per equal part of its run (any non-negative numbers; flat if omitted). */
  energyShape?: readonly number[];
}

export interface PlanSlot {
  start: string;
  end: string;
  value: number;
  /** Share of the run's time spent in this slot. */
  share: number;
}

export interface Plan {
  objective: Objective;
  start: string;
  finish: string;
  /** Seconds from now to the start and to the finish (what a delayed-start option takes). */
  startIn: number;
  finishIn: number;
  /** Energy-weighted mean value over the run; for solar the forecast counts as a negative price. */
  cost: number;
  costIfNow: number;
  /** costIfNow − cost: how much better the chosen window is than starting now. */
  saving: number;
  /** saving as a percentage of |costIfNow| (0 when that is 0). */
  savingPercent: number;
  slots: PlanSlot[];
  /** Set when the plan had to give way: the deadline is too close, or the window runs past the series. */
  note?: 'deadline-too-close' | 'outside-series';
  message?: string;
}

/** Bound on the start times tried; a longer horizon coarsens the grid to a multiple of the step. */
export const MAX_CANDIDATES = 200_000;
export const MAX_SHAPE_PARTS = 1_000;

function invalid(message: string): HomeConnectError {
  return new HomeConnectError('validation', message);
}

/** ∫ value dt from the first slot's start to t, with uncovered time at the worst value. */
class Integral {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly values: Float64Array;
  /** Integral up to each slot's start. */
  private readonly before: Float64Array;
  readonly first: number;
  readonly last: number;

  constructor(
    slots: readonly Slot[],
    readonly worst: number,
  ) {
    const n = slots.length;
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.values = new Float64Array(n);
    this.before = new Float64Array(n + 1);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const s = slots[i];
      if (i > 0) acc += (s.start - slots[i - 1].end) * worst; // a gap
      this.starts[i] = s.start;
      this.ends[i] = s.end;
      this.values[i] = s.value;
      this.before[i] = acc;
      acc += (s.end - s.start) * s.value;
    }
    this.before[n] = acc;
    this.first = slots[0].start;
    this.last = slots[n - 1].end;
  }

  at(t: number): number {
    const n = this.starts.length;
    if (t <= this.first) return (t - this.first) * this.worst;
    if (t >= this.last) return this.before[n] + (t - this.last) * this.worst;
    // last slot starting at or before t
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    const end = this.ends[lo];
    if (t <= end) return this.before[lo] + (t - this.starts[lo]) * this.values[lo];
    return this.before[lo] + (end - this.starts[lo]) * this.values[lo] + (t - end) * this.worst;
  }
}

function normalisedShape(shape: readonly number[] | undefined): number[] {
  if (shape === undefined || shape.length === 0) return [1];
  if (shape.length > MAX_SHAPE_PARTS) throw invalid(`The energy shape has ${shape.length} parts; at most ${MAX_SHAPE_PARTS}.`);
  let sum = 0;
  for (const s of shape) {
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) throw invalid('The energy shape must be a list of numbers of 0 or more.');
    sum += s;
  }
  if (!(sum > 0)) throw invalid('The energy shape must have at least one part above 0.');
  return shape.map((s) => s / sum);
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

/** Plans one start. Throws a validation error for unusable input (empty series, bad numbers). */
export function planStart(input: PlanInput): Plan {
  const { series, now, deadline } = input;
  const objective: Objective = input.objective ?? 'cheapest';
  if (series.length === 0) throw invalid('The series is empty: nothing to plan with.');
  const duration = input.durationMs;
  if (!(duration > 0) || !Number.isFinite(duration)) throw invalid('The program duration must be more than 0 seconds.');
  if (!Number.isFinite(now) || !Number.isFinite(deadline)) throw invalid('"now" and the deadline must be valid times.');
  const step = input.stepMs ?? 60_000;
  if (!(step > 0) || !Number.isFinite(step)) throw invalid('The start step must be more than 0 seconds.');
  const shape = normalisedShape(input.energyShape);

  const sign = objective === 'solar' ? -1 : 1;
  let worst = -Infinity;
  for (const s of series) worst = Math.max(worst, sign * s.value);
  const integral = new Integral(
    series.map((s) => ({ start: s.start, end: s.end, value: sign * s.value })),
    worst,
  );
  const part = duration / shape.length;
  const costAt = (start: number): number => {
    let c = 0;
    let a = integral.at(start);
    for (let i = 0; i < shape.length; i++) {
      const b = integral.at(start + (i + 1) * part);
      c += (shape[i] * (b - a)) / part;
      a = b;
    }
    return c;
  };

  const latest = deadline - duration;
  const costIfNow = costAt(now);
  let best = now;
  let bestCost = costIfNow;
  let note: Plan['note'];
  let message: string | undefined;
  if (latest < now) {
    note = 'deadline-too-close';
    message = `The deadline ${iso(deadline)} is too close for a run of ${Math.round(duration / 60_000)} min: start now (done ${iso(now + duration)}).`;
  } else {
    let grid = step;
    const count = Math.floor((latest - now) / step);
    if (count > MAX_CANDIDATES) grid = step * Math.ceil(count / MAX_CANDIDATES);
    const tolerance = 1e-9 * Math.max(1, Math.abs(costIfNow));
    for (let t = now + grid; t <= latest; t += grid) {
      const c = costAt(t);
      if (c < bestCost - tolerance) {
        bestCost = c;
        best = t;
      }
    }
  }
  const finish = best + duration;
  if (note === undefined && (best < integral.first || finish > integral.last)) {
    note = 'outside-series';
    message = `The run (${iso(best)} to ${iso(finish)}) goes beyond the series (${iso(integral.first)} to ${iso(integral.last)}); that time counts at the worst value.`;
  }

  const slots: PlanSlot[] = [];
  for (const s of series) {
    const overlap = Math.min(s.end, finish) - Math.max(s.start, best);
    if (overlap > 0) slots.push({ start: iso(s.start), end: iso(s.end), value: s.value, share: overlap / duration });
  }
  const plan: Plan = {
    objective,
    start: iso(best),
    finish: iso(finish),
    startIn: Math.round((best - now) / 1000),
    finishIn: Math.round((finish - now) / 1000),
    cost: round(bestCost),
    costIfNow: round(costIfNow),
    saving: round(costIfNow - bestCost),
    savingPercent: costIfNow === 0 ? 0 : round((100 * (costIfNow - bestCost)) / Math.abs(costIfNow), 1),
    slots,
  };
  if (note) {
    plan.note = note;
    plan.message = message;
  }
  return plan;
}

function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
