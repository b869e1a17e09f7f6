/**
 * Times as people write them ("07:00", an ISO date-time, "8h30m") turned into absolute epoch
 * milliseconds. Wall-clock times are read in a named time zone (default: this computer's), so a
 * deadline across a daylight-saving change still lands on the intended hour.
 */
import { HomeConnectError } from '../errors';

function invalid(message: string): HomeConnectError {
  return new HomeConnectError('validation', message);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw invalid(`Unknown time zone "${timeZone}".`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

interface WallClock {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock of a time zone at an instant. */
export function wallClock(epochMs: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in ms (Berlin in winter: +3 600 000). */
function offsetMs(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant at which a zone's wall clock shows the given time (month 1..12; day may overflow). */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetMs(guess, timeZone);
  const second = guess - offsetMs(first, timeZone);
  return second;
}

/** The next instant after `now` at which the zone's clock shows hh:mm. */
export function nextWallTime(hour: number, minute: number, now: number, timeZone: string = localTimeZone()): number {
  const today = wallClock(now, timeZone);
  let t = zonedTime(today.year, today.month, today.day, hour, minute, timeZone);
  if (t <= now) t = zonedTime(today.year, today.month, today.day + 1, hour, minute, timeZone);
  return t;
}

/** "8h", "90m", "1h30m", "45s", "PT8H30M" or a number of seconds, as ms; undefined when it is none of those. */
export function parseDuration(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v * 1000 : undefined;
  if (typeof v !== 'string') return undefined;
  const text = v.trim().toLowerCase();
  const m = /^(?:pt)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?:in)?)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
  return Math.round(((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000);
}

/**
 * A deadline or start time: "HH:MM" (the next such time), an ISO date-time, epoch ms, or a duration
 * from now ("8h", "PT8H", a Date). Throws a validation error naming the accepted forms.
 */
export function parseTimeSpec(v: unknown, now: number, what: string, timeZone?: string): number {
  if (v instanceof Date && Number.isFinite(v.getTime())) return v.getTime();
  if (typeof v === 'number' && Number.isFinite(v) && v > 1e11) return v; // epoch ms, not seconds
  if (typeof v === 'string') {
    const text = v.trim();
    const hm = /^(\d{1,2}):(\d{2})$/.exec(text);
    if (hm) {
      const h = Number(hm[1]);
      const m = Number(hm[2]);
      if (h < 24 && m < 60) return nextWallTime(h, m, now, timeZone);
    } else if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
      const t = Date.parse(text);
      if (Number.isFinite(t)) return t;
    } else {
      const d = parseDuration(text);
      if (d !== undefined) return now + d;
    }
  }
  throw invalid(
    `${what} must be a time "HH:MM", an ISO date-time or a duration such as "8h" or "PT8H30M", got ${JSON.stringify(v)?.slice(0, 60)}.`,
  );
}
