import * as assert from 'assert';
import { MAX_SERIES_SLOTS, nextWallTime, parseDuration, parseTimeSpec, planStart, readSeries, type Slot } from '../../src/planner';

const H = 3_600_000;
const T0 = Date.parse('2026-12-08T00:00:00Z');

/** Hourly slots from T0 with the given prices. */
function hourly(prices: number[], from = T0): Slot[] {
  return prices.map((value, i) => ({ start: from + i * H, end: from + (i + 1) * H, value }));
}

describe('planner: series shapes', () => {
  it('reads a generic list with ISO strings, open ends closing at the next start', () => {
    const s = readSeries([
      { start: '2026-12-08T00:00:00Z', price: 0.3 },
      { start: '2026-12-08T01:00:00Z', price: 0.1 },
      { start: '2026-12-08T02:00:00Z', end: '2026-12-08T02:30:00Z', price: 0.2 },
    ]);
    assert.deepStrictEqual(s, [
      { start: T0, end: T0 + H, value: 0.3 },
      { start: T0 + H, end: T0 + 2 * H, value: 0.1 },
      { start: T0 + 2 * H, end: T0 + 2.5 * H, value: 0.2 },
    ]);
  });

  it('reads { start, value } with epoch ms, sorted, the last slot as long as the others', () => {
    const s = readSeries([
      { start: T0 + 900_000, value: 2 },
      { start: T0, value: 1 },
    ]);
    assert.deepStrictEqual(s, [
      { start: T0, end: T0 + 900_000, value: 1 },
      { start: T0 + 900_000, end: T0 + 1_800_000, value: 2 },
    ]);
  });

  it('reads Tibber { today, tomorrow } and its bare list', () => {
    const today = [
      { total: 0.31, startsAt: '2026-12-08T00:00:00.000+01:00' },
      { total: 0.29, startsAt: '2026-12-08T01:00:00.000+01:00' },
    ];
    const tomorrow = [{ total: 0.2, startsAt: '2026-12-09T00:00:00.000+01:00' }];
    const s = readSeries({ today, tomorrow });
    assert.strictEqual(s.length, 3);
    assert.strictEqual(s[0].start, Date.parse('2026-12-07T23:00:00Z'));
    assert.strictEqual(s[0].value, 0.31);
    assert.strictEqual(s[1].end, Date.parse('2026-12-08T23:00:00Z'), 'open end closes at the next start, across the gap');
    assert.deepStrictEqual(
      readSeries(today).map((x) => x.value),
      [0.31, 0.29],
    );
  });

  it('reads aWATTar data with start/end timestamps and marketprice', () => {
    const s = readSeries({
      object: 'list',
      data: [{ start_timestamp: T0, end_timestamp: T0 + H, marketprice: 95.5, unit: 'Eur/MWh' }],
    });
    assert.deepStrictEqual(s, [{ start: T0, end: T0 + H, value: 95.5 }]);
  });

  it('reads Solcast forecasts (period_end minus period)', () => {
    const s = readSeries({ forecasts: [{ period_end: '2026-12-08T12:30:00.0000000Z', period: 'PT30M', pv_estimate: 2.5 }] });
    assert.deepStrictEqual(s, [{ start: Date.parse('2026-12-08T12:00:00Z'), end: Date.parse('2026-12-08T12:30:00Z'), value: 2.5 }]);
  });

  it('reads forecast.solar watts samples, each holding until the next', () => {
    const s = readSeries({ result: { watts: { '2026-12-08T08:00:00Z': 0, '2026-12-08T09:00:00Z': 1200, '2026-12-08T10:00:00Z': 2400 } } });
    assert.deepStrictEqual(
      s.map((x) => [x.start - T0, x.end - T0, x.value]),
      [
        [8 * H, 9 * H, 0],
        [9 * H, 10 * H, 1200],
        [10 * H, 11 * H, 2400],
      ],
    );
  });

  it('an unknown shape names the shapes it expected; bad fields name the entry', () => {
    assert.throws(() => readSeries({ prices: [1, 2] }), /unknown shape; expected .*price.*Tibber.*aWATTar.*Solcast.*forecast\.solar/);
    assert.throws(() => readSeries([{ start: 'soon', price: 1 }]), /Entry 0 "start" must be an ISO date-time/);
    assert.throws(() => readSeries([{ start: T0, price: 'cheap' }]), /Entry 0 "price" must be a number/);
    assert.throws(() => readSeries([]), /empty/);
    assert.throws(() => readSeries('[]'), /unknown shape/);
  });

  it('refuses a series above the slot cap before reading it', () => {
    const list = Array.from({ length: MAX_SERIES_SLOTS + 1 }, (_, i) => ({ start: T0 + i * 1000, price: 1 }));
    assert.throws(() => readSeries(list), /at most 50000 are read/);
  });
});

describe('planner: planStart', () => {
  it('picks the cheapest window before the deadline, with cost, cost if now, saving and slots', () => {
    // 0.40 0.30 0.10 0.10 0.35 0.40 ; a 2 h program finished by 06:00
    const plan = planStart({ series: hourly([0.4, 0.3, 0.1, 0.1, 0.35, 0.4]), durationMs: 2 * H, deadline: T0 + 6 * H, now: T0 });
    assert.strictEqual(plan.start, '2026-12-08T02:00:00.000Z');
    assert.strictEqual(plan.finish, '2026-12-08T04:00:00.000Z');
    assert.strictEqual(plan.startIn, 7200);
    assert.strictEqual(plan.finishIn, 14400);
    assert.strictEqual(plan.cost, 0.1);
    assert.strictEqual(plan.costIfNow, 0.35);
    assert.strictEqual(plan.saving, 0.25);
    assert.strictEqual(plan.savingPercent, 71.4);
    assert.deepStrictEqual(
      plan.slots.map((s) => [s.start, s.value, s.share]),
      [
        ['2026-12-08T02:00:00.000Z', 0.1, 0.5],
        ['2026-12-08T03:00:00.000Z', 0.1, 0.5],
      ],
    );
    assert.strictEqual(plan.note, undefined);
  });

  it('never lets the run end after the deadline', () => {
    const plan = planStart({ series: hourly([0.4, 0.3, 0.2, 0.1, 0.0]), durationMs: 2 * H, deadline: T0 + 4 * H, now: T0 });
    assert.strictEqual(plan.start, '2026-12-08T02:00:00.000Z', 'the free slot after the deadline is out of reach');
    assert.ok(Date.parse(plan.finish) <= T0 + 4 * H);
  });

  it('starts on the delayed-start step grid counted from now', () => {
    const now = T0 + 7 * 60_000; // 00:07
    const plan = planStart({ series: hourly([0.4, 0.1, 0.4, 0.4]), durationMs: H, deadline: T0 + 4 * H, now, stepMs: 30 * 60_000 });
    // grid: 00:07, 00:37, 01:07, …; 01:07 covers 53 min of the cheap hour, 00:37 only 23 min
    assert.strictEqual(plan.start, '2026-12-08T01:07:00.000Z');
    assert.strictEqual(plan.startIn % 1800, 0);
  });

  it('places a front-loaded energy shape so the heavy part lands in the cheap hour', () => {
    const series = hourly([0.4, 0.4, 0.1, 0.4, 0.4, 0.4]);
    const flat = planStart({ series, durationMs: 2 * H, deadline: T0 + 6 * H, now: T0 });
    const front = planStart({ series, durationMs: 2 * H, deadline: T0 + 6 * H, now: T0, energyShape: [0.9, 0.1] });
    const back = planStart({ series, durationMs: 2 * H, deadline: T0 + 6 * H, now: T0, energyShape: [1, 9] });
    assert.strictEqual(flat.cost, 0.25);
    assert.strictEqual(front.start, '2026-12-08T02:00:00.000Z');
    assert.strictEqual(front.cost, 0.13);
    assert.strictEqual(back.start, '2026-12-08T01:00:00.000Z');
    assert.strictEqual(back.cost, 0.13);
  });

  it('ties: the earliest start wins', () => {
    const plan = planStart({ series: hourly([0.2, 0.2, 0.2, 0.2]), durationMs: H, deadline: T0 + 4 * H, now: T0 });
    assert.strictEqual(plan.start, '2026-12-08T00:00:00.000Z');
    assert.strictEqual(plan.saving, 0);
    assert.strictEqual(plan.savingPercent, 0);
  });

  it('a gap in the series counts at the highest price, so a window across it is avoided', () => {
    const series = [...hourly([0.3, 0.05]), ...hourly([0.05, 0.3, 0.29], T0 + 3 * H)]; // 02:00–03:00 missing
    const plan = planStart({ series, durationMs: 2 * H, deadline: T0 + 6 * H, now: T0 });
    // 01:00–03:00 would be 0.05 + gap(0.3) = 0.175; 03:00–05:00 = 0.175 too, 00:00 = 0.175 … 04:00–06:00 = 0.295
    // a window fully inside known cheap data: none at 0.05 for 2 h; the earliest of the 0.175 ties wins
    assert.strictEqual(plan.cost, 0.175);
    assert.strictEqual(plan.start, '2026-12-08T00:00:00.000Z');
    const cheapGap = planStart({ series: [...hourly([0.5]), ...hourly([0.1], T0 + 2 * H)], durationMs: H, deadline: T0 + 3 * H, now: T0 });
    assert.strictEqual(cheapGap.start, '2026-12-08T02:00:00.000Z', 'the unknown hour counts as the worst price (0.5)');
  });

  it('a series that ends before the deadline: the unknown counts as the worst, and the plan says when it reaches past', () => {
    const inside = planStart({ series: hourly([0.3, 0.1, 0.2]), durationMs: H, deadline: T0 + 10 * H, now: T0 });
    assert.strictEqual(inside.start, '2026-12-08T01:00:00.000Z');
    assert.strictEqual(inside.note, undefined);
    const past = planStart({ series: hourly([0.3]), durationMs: 2 * H, deadline: T0 + 10 * H, now: T0 });
    assert.strictEqual(past.note, 'outside-series');
    assert.match(past.message ?? '', /goes beyond the series/);
  });

  it('a deadline too close for the program: start now, and say so', () => {
    const plan = planStart({ series: hourly([0.4, 0.1, 0.1]), durationMs: 2 * H, deadline: T0 + H, now: T0 });
    assert.strictEqual(plan.start, '2026-12-08T00:00:00.000Z');
    assert.strictEqual(plan.startIn, 0);
    assert.strictEqual(plan.note, 'deadline-too-close');
    assert.match(plan.message ?? '', /too close .* start now/);
    assert.strictEqual(plan.cost, plan.costIfNow);
  });

  it('solar: maximises the forecast covered (a negative price), e.g. midday', () => {
    const watts = [0, 0, 200, 1500, 3000, 2800, 900, 0]; // 06:00 … 13:00 sampled hourly from T0+6h
    const series = hourly(watts, T0 + 6 * H);
    const plan = planStart({ series, durationMs: 2 * H, deadline: T0 + 16 * H, now: T0 + 6 * H, objective: 'solar' });
    assert.strictEqual(plan.start, '2026-12-08T10:00:00.000Z');
    assert.strictEqual(plan.cost, -2900);
    assert.strictEqual(plan.costIfNow, 0);
    assert.strictEqual(plan.saving, 2900);
    assert.strictEqual(plan.objective, 'solar');
  });

  it('plans across a daylight-saving change in absolute time (Europe/Berlin, 25-hour day)', () => {
    // 2026-10-25: 03:00 CEST becomes 02:00 CET; Tibber lists the repeated hour twice with different offsets.
    const list: Array<{ total: number; startsAt: string }> = [];
    for (let h = 0; h < 25; h++) {
      const t = Date.parse('2026-10-24T22:00:00Z') + h * H; // local midnight CEST
      const local = new Date(t + (t < Date.parse('2026-10-25T01:00:00Z') ? 2 : 1) * H).toISOString().slice(0, 19);
      const offset = t < Date.parse('2026-10-25T01:00:00Z') ? '+02:00' : '+01:00';
      list.push({ total: h === 3 ? 0.05 : 0.3, startsAt: `${local}.000${offset}` }); // the second 02:00 (CET) is cheap
    }
    const series = readSeries(list);
    assert.strictEqual(series.length, 25);
    assert.ok(
      series.every((s) => s.end - s.start === H),
      'every slot is one hour, also the repeated one',
    );
    const now = Date.parse('2026-10-24T22:00:00Z');
    const deadline = nextWallTime(7, 0, now, 'Europe/Berlin');
    assert.strictEqual(new Date(deadline).toISOString(), '2026-10-25T06:00:00.000Z', '07:00 CET after the change');
    const plan = planStart({ series, durationMs: H, deadline, now });
    assert.strictEqual(plan.start, '2026-10-25T01:00:00.000Z', 'the second 02:00 local (CET) is 01:00 UTC');
  });

  it('refuses unusable input with a sentence', () => {
    assert.throws(() => planStart({ series: [], durationMs: H, deadline: T0 + H, now: T0 }), /empty/);
    assert.throws(() => planStart({ series: hourly([1]), durationMs: 0, deadline: T0 + H, now: T0 }), /duration/);
    assert.throws(() => planStart({ series: hourly([1]), durationMs: H, deadline: T0 + H, now: T0, energyShape: [-1] }), /energy shape/);
    assert.throws(() => planStart({ series: hourly([1]), durationMs: H, deadline: T0 + H, now: T0, stepMs: 0 }), /step/);
  });
});

describe('planner: times', () => {
  it('"HH:MM" is the next such wall time in the zone', () => {
    const now = Date.parse('2026-12-08T10:00:00Z'); // 11:00 in Berlin
    assert.strictEqual(new Date(nextWallTime(7, 0, now, 'Europe/Berlin')).toISOString(), '2026-12-09T06:00:00.000Z');
    assert.strictEqual(new Date(nextWallTime(12, 30, now, 'Europe/Berlin')).toISOString(), '2026-12-08T11:30:00.000Z');
    assert.strictEqual(new Date(parseTimeSpec('07:00', now, 'deadline', 'UTC')).toISOString(), '2026-12-09T07:00:00.000Z');
  });

  it('accepts ISO date-times, epoch ms, Dates and durations; refuses the rest naming the forms', () => {
    const now = T0;
    assert.strictEqual(parseTimeSpec('2026-12-08T07:00:00+01:00', now, 'deadline'), Date.parse('2026-12-08T06:00:00Z'));
    assert.strictEqual(parseTimeSpec(T0 + H, now, 'deadline'), T0 + H);
    assert.strictEqual(parseTimeSpec(new Date(T0 + 2 * H), now, 'deadline'), T0 + 2 * H);
    assert.strictEqual(parseTimeSpec('8h', now, 'deadline'), T0 + 8 * H);
    assert.strictEqual(parseTimeSpec('PT1H30M', now, 'deadline'), T0 + 1.5 * H);
    assert.strictEqual(parseDuration('90m'), 90 * 60_000);
    assert.strictEqual(parseDuration('soon'), undefined);
    assert.throws(() => parseTimeSpec('25:00', now, 'deadline'), /deadline must be a time "HH:MM", an ISO date-time or a duration/);
    assert.throws(() => parseTimeSpec('tomorrow', now, 'deadline'), /deadline must be/);
  });
});
