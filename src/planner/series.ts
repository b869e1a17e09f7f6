/**
 * Price and forecast series in the shapes people feed into flows, read into one form: slots with an
 * absolute start and end (epoch ms) and a value (a price, or forecast power for the solar objective).
 * Shapes are detected, never guessed silently: an unknown shape is an error naming the fields expected.
 */
import { HomeConnectError } from '../errors';
import { isPlainObject } from '../guards';

export interface Slot {
  /** Epoch milliseconds, inclusive. */
  start: number;
  /** Epoch milliseconds, exclusive; always after start. */
  end: number;
  value: number;
}

/** Bound on the slots read from one series: a year of quarter hours is about 35 000. */
export const MAX_SERIES_SLOTS = 50_000;

export const SERIES_SHAPES =
  'a list of { start, end?, price } or { start, value } (ISO strings or epoch ms), Tibber { today, tomorrow } ' +
  'or its list of { total, startsAt }, aWATTar { data: [{ start_timestamp, end_timestamp, marketprice }] }, ' +
  'Solcast { forecasts: [{ period_end, period, pv_estimate }] } or forecast.solar { result: { watts: { "<time>": W } } }';

function invalid(message: string): HomeConnectError {
  return new HomeConnectError('validation', message);
}

/** Epoch ms from an ISO string (with or without zone; without zone = local time) or a number of epoch ms. */
export function toEpochMs(v: unknown, what: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const text = v.trim();
    // "2026-12-08 08:00:00" (forecast.solar) is ISO with a space; Date.parse wants the T.
    const t = Date.parse(/^\d{4}-\d{2}-\d{2} \d/.test(text) ? text.replace(' ', 'T') : text);
    if (Number.isFinite(t)) return t;
  }
  throw invalid(`${what} must be an ISO date-time or epoch milliseconds, got ${JSON.stringify(v)?.slice(0, 60)}.`);
}

function toNumber(v: unknown, what: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n === 'number' && Number.isFinite(n)) return n;
  throw invalid(`${what} must be a number, got ${JSON.stringify(v)?.slice(0, 60)}.`);
}

/** ISO 8601 durations as Solcast writes them (PT30M, PT1H, PT15M, PT5M). */
function isoDurationMs(v: unknown, what: string): number {
  const m = typeof v === 'string' ? /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(v) : null;
  const ms = m ? ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000 : 0;
  if (!(ms > 0)) throw invalid(`${what} must be an ISO duration such as "PT30M", got ${JSON.stringify(v)?.slice(0, 60)}.`);
  return ms;
}

interface Point {
  start: number;
  end?: number;
  value: number;
}

function checkCount(n: number): void {
  if (n > MAX_SERIES_SLOTS) throw invalid(`The series has ${n} entries; at most ${MAX_SERIES_SLOTS} are read.`);
}

/**
 * Points to slots: sorted by start, an open end closes at the next start (the last one gets the
 * typical slot length), overlaps are cut at the next start, and duplicates keep the first.
 */
function toSlots(points: Point[]): Slot[] {
  if (points.length === 0) throw invalid('The series is empty.');
  const sorted = [...points].sort((a, b) => a.start - b.start);
  const lengths: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i].start - sorted[i - 1].start;
    if (d > 0) lengths.push(d);
  }
  lengths.sort((a, b) => a - b);
  const typical = lengths.length > 0 ? lengths[lengths.length >> 1] : 3_600_000;
  const slots: Slot[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    const prev = slots[slots.length - 1];
    if (prev && p.start < prev.end) {
      if (p.start === prev.start) continue;
      prev.end = p.start;
    }
    const next = sorted[i + 1];
    let end = p.end ?? (next && next.start > p.start ? next.start : p.start + typical);
    if (end <= p.start) throw invalid(`A slot of the series ends (${new Date(end).toISOString()}) before it starts.`);
    if (next && next.start > p.start && end > next.start) end = next.start;
    slots.push({ start: p.start, end, value: p.value });
  }
  return slots;
}

function genericList(list: unknown[]): Point[] | undefined {
  const first = list[0];
  if (!isPlainObject(first)) return undefined;
  if ('startsAt' in first && 'total' in first) {
    return list.map((e, i) => {
      const r = isPlainObject(e) ? e : {};
      return { start: toEpochMs(r.startsAt, `Entry ${i} "startsAt"`), value: toNumber(r.total, `Entry ${i} "total"`) };
    });
  }
  if ('start' in first && ('price' in first || 'value' in first)) {
    const field = 'price' in first ? 'price' : 'value';
    return list.map((e, i) => {
      const r = isPlainObject(e) ? e : {};
      const p: Point = { start: toEpochMs(r.start, `Entry ${i} "start"`), value: toNumber(r[field], `Entry ${i} "${field}"`) };
      if (r.end !== undefined && r.end !== null) p.end = toEpochMs(r.end, `Entry ${i} "end"`);
      return p;
    });
  }
  return undefined;
}

function detect(input: unknown): Point[] | undefined {
  if (Array.isArray(input)) {
    checkCount(input.length);
    return input.length === 0 ? [] : genericList(input);
  }
  if (!isPlainObject(input)) return undefined;
  if (Array.isArray(input.today) || Array.isArray(input.tomorrow)) {
    const today: unknown[] = Array.isArray(input.today) ? input.today : [];
    const tomorrow: unknown[] = Array.isArray(input.tomorrow) ? input.tomorrow : [];
    checkCount(today.length + tomorrow.length);
    const all = [...today, ...tomorrow];
    return all.length === 0 ? [] : genericList(all);
  }
  if (Array.isArray(input.data)) {
    const data = input.data;
    checkCount(data.length);
    return data.map((e, i) => {
      const r = isPlainObject(e) ? e : {};
      return {
        start: toEpochMs(r.start_timestamp, `data[${i}].start_timestamp`),
        end: toEpochMs(r.end_timestamp, `data[${i}].end_timestamp`),
        value: toNumber(r.marketprice, `data[${i}].marketprice`),
      };
    });
  }
  if (Array.isArray(input.forecasts)) {
    const list = input.forecasts;
    checkCount(list.length);
    return list.map((e, i) => {
      const r = isPlainObject(e) ? e : {};
      const end = toEpochMs(r.period_end, `forecasts[${i}].period_end`);
      return {
        start: end - isoDurationMs(r.period, `forecasts[${i}].period`),
        end,
        value: toNumber(r.pv_estimate, `forecasts[${i}].pv_estimate`),
      };
    });
  }
  if (isPlainObject(input.result) && isPlainObject(input.result.watts)) {
    const entries = Object.entries(input.result.watts);
    checkCount(entries.length);
    // Watts are samples at points in time: each holds until the next sample.
    return entries.map(([t, w]) => ({ start: toEpochMs(t, `watts key "${t}"`), value: toNumber(w, `watts["${t}"]`) }));
  }
  return undefined;
}

/** Reads a series (already JSON-parsed) into sorted, non-overlapping slots, or throws a validation error. */
export function readSeries(input: unknown): Slot[] {
  const points = detect(input);
  if (points === undefined) throw invalid(`The series has an unknown shape; expected ${SERIES_SHAPES}.`);
  return toSlots(points);
}
