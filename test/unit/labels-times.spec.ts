import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { derivedTimes, resolveAbsoluteStart, toRelativeTimes } from '../../src/appliance/absolute-times';
import { endOfProgramCompletions, programEnded } from '../../src/appliance/end-of-program';
import { favourites, resolveProgramName } from '../../src/appliance/favourites';
import { parseCommand } from '../../src/appliance/parse-command';
import { describe as describeValue, humanize, labelOf, toLabelCatalogue, valueLabelOf } from '../../src/appliance/labels';
import { profileFromRecord } from '../../src/profile';
import { demoRecord } from '../../src/simulator/demo-profiles';
import { repoRoot } from '../support/paths';

function catalogue(lang: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'locales', lang, 'homeconnect-local.json'), 'utf8'))['homeconnect-local'].labels;
}

describe('labels', () => {
  it('generates readable labels for keys outside the catalogue', () => {
    assert.strictEqual(humanize('HotAir'), 'Hot air');
    assert.strictEqual(humanize('Eco50'), 'Eco 50');
    assert.strictEqual(humanize('FanStage01'), 'Fan stage 1');
    assert.strictEqual(humanize('GC40'), 'GC 40');
    assert.strictEqual(humanize('WiFiSignalStrength'), 'Wi fi signal strength');
    assert.strictEqual(labelOf('Cooking.Oven.Program.HeatingMode.HotAirEco', {}), 'Hot air eco');
    assert.strictEqual(labelOf('BSH.Common.Program.Favorite.003', {}), 'Favorite 3');
    assert.strictEqual(valueLabelOf('Cooking.Common.EnumType.Hood.VentingLevel.FanStage01', {}, true), 'Fan stage 1');
    assert.strictEqual(valueLabelOf(42, {}, false), undefined);
    assert.strictEqual(valueLabelOf('free text', {}, false), undefined);
    assert.strictEqual(humanize('x'.repeat(100_000)).length, 200);
  });

  it('reads the catalogue by full key, then short key; keeps only strings', () => {
    const cat = toLabelCatalogue({
      keys: { 'A.B.Door': 'Door', Eco50: 'Eco 50 °C', bad: 3 },
      values: { Open: 'Offen', ['__proto__']: 'x' },
    });
    assert.strictEqual(labelOf('A.B.Door', cat), 'Door');
    assert.strictEqual(labelOf('X.Y.Eco50', cat), 'Eco 50 °C');
    assert.strictEqual(labelOf('bad', cat), 'Bad');
    assert.strictEqual(valueLabelOf('BSH.Common.EnumType.DoorState.Open', cat, true), 'Offen');
    assert.strictEqual(valueLabelOf('constructor', cat, true), 'Constructor');
  });

  it('English and German catalogues hold the same keys, every one translated', () => {
    const en = catalogue('en-US');
    const de = catalogue('de');
    assert.deepStrictEqual(Object.keys(de.keys).sort(), Object.keys(en.keys).sort());
    assert.deepStrictEqual(Object.keys(de.values).sort(), Object.keys(en.values).sort());
    for (const [k, v] of Object.entries(de.keys)) assert.ok(typeof v === 'string' && v !== '', k);
    assert.ok(Object.keys(en.keys).length >= 150);
  });

  it('describes an oven favourite by its user-given name, German enum values from the catalogue', () => {
    const profile = profileFromRecord(demoRecord('oven')!);
    const values = { 'BSH.Common.Setting.Favorite.001.Name': 'Sunday roast' };
    const de = toLabelCatalogue(catalogue('de'));
    assert.deepStrictEqual(describeValue(profile, values, de, 'BSH.Common.Root.SelectedProgram', 'BSH.Common.Program.Favorite.001'), {
      label: 'Ausgewähltes Programm',
      valueLabel: 'Sunday roast',
    });
    assert.deepStrictEqual(describeValue(profile, values, de, 'BSH.Common.Root.ActiveProgram', 'Cooking.Oven.Program.HeatingMode.HotAir'), {
      label: 'Aktives Programm',
      valueLabel: 'Heißluft',
    });
    assert.deepStrictEqual(describeValue(profile, values, de, 'BSH.Common.Status.DoorState', 'Open'), {
      label: 'Tür',
      valueLabel: 'Offen',
    });
  });
});

describe('favourites', () => {
  const profile = profileFromRecord(demoRecord('oven')!);
  it('lists names and availability; resolves names, leaves keys alone, refuses an unavailable favourite', () => {
    const values = { 'BSH.Common.Setting.Favorite.001.Name': 'Sunday roast', 'BSH.Common.Setting.Favorite.002.Name': 'Pizza' };
    assert.deepStrictEqual(favourites(profile, values), [
      { key: 'BSH.Common.Program.Favorite.001', name: 'Sunday roast', available: true },
      { key: 'BSH.Common.Program.Favorite.002', name: 'Pizza', available: false },
    ]);
    assert.strictEqual(resolveProgramName(profile, values, '  SUNDAY roast'), 'BSH.Common.Program.Favorite.001');
    assert.strictEqual(
      resolveProgramName(profile, values, 'Cooking.Oven.Program.HeatingMode.HotAir'),
      'Cooking.Oven.Program.HeatingMode.HotAir',
    );
    assert.strictEqual(resolveProgramName(profile, values, 'Nothing like it'), 'Nothing like it');
    assert.throws(() => resolveProgramName(profile, values, 'Pizza'), /reported unavailable/);
    const twice = { 'BSH.Common.Setting.Favorite.001.Name': 'Same', 'BSH.Common.Setting.Favorite.002.Name': 'same' };
    assert.throws(() => resolveProgramName(profile, twice, 'same'), /More than one favourite is named/);
  });
});

describe('absolute times', () => {
  const now = Date.UTC(2026, 11, 8, 10, 0, 0);
  it('ISO and HH:MM (the next such time) to seconds; the appliance clock offset applies to HH:MM', () => {
    assert.deepStrictEqual(toRelativeTimes({ finishAt: '2026-12-08T12:30:00Z' }, { now }), { finishIn: 9000 });
    assert.deepStrictEqual(toRelativeTimes({ startAt: '11:00' }, { now, timeZone: 'UTC' }), { startIn: 3600 });
    assert.deepStrictEqual(toRelativeTimes({ startAt: '09:00' }, { now, timeZone: 'UTC' }), { startIn: 23 * 3600 });
    // the appliance's clock is 5 minutes ahead: its 11:00 comes 5 minutes earlier
    assert.deepStrictEqual(toRelativeTimes({ startAt: '11:00' }, { now, timeZone: 'UTC', clockOffsetMs: 300_000 }), { startIn: 3300 });
    assert.deepStrictEqual(toRelativeTimes({}, { now }), {});
    assert.throws(() => toRelativeTimes({ startAt: '11:00', finishAt: '12:00' }, { now }), /either "startAt" or "finishAt"/);
    assert.throws(() => toRelativeTimes({ finishAt: '2026-12-08T09:00:00Z' }, { now }), /in the past/);
    assert.throws(() => toRelativeTimes({ finishAt: '2027-01-08T09:00:00Z' }, { now }), /more than a week/);
    assert.throws(() => toRelativeTimes({ finishAt: '8h' }, { now }), /ISO date-time or "HH:MM"/);
    assert.throws(() => toRelativeTimes({ finishAt: 25 }, { now }), /ISO date-time or "HH:MM"/);
  });

  it('to the option the program has, rounded up to its step (dryer: FinishInRelative only)', () => {
    const dryer = profileFromRecord(demoRecord('dryer')!);
    assert.deepStrictEqual(resolveAbsoluteStart(dryer, 'LaundryCare.Dryer.Program.Mix', { finishAt: '2026-12-08T14:00:10Z' }, { now }), {
      'BSH.Common.Option.FinishInRelative': 4 * 3600 + 60,
    });
    const dw = profileFromRecord(demoRecord('dishwasher')!);
    assert.deepStrictEqual(resolveAbsoluteStart(dw, 'Dishcare.Dishwasher.Program.Eco50', { startAt: '2026-12-08T11:00:00Z' }, { now }), {
      'BSH.Common.Option.StartInRelative': 3600,
    });
  });

  it('parseCommand keeps startAt/finishAt for the send, checks them at once, one delay at a time', () => {
    assert.deepStrictEqual(parseCommand({ program: 'Eco50', finishAt: '06:30' }), {
      type: 'program',
      action: 'start',
      program: 'Eco50',
      finishAt: '06:30',
    });
    assert.throws(() => parseCommand({ program: 'Eco50', startAt: 'later' }), /"startAt" must be an ISO date-time or "HH:MM"/);
    assert.throws(() => parseCommand({ program: 'Eco50', startAt: '06:30', finishIn: 60 }), /Give only one of .* got finishIn and startAt/);
    assert.throws(() => parseCommand({ program: 'Eco50', action: 'select', finishAt: '06:30' }), /"finishAt" only applies when starting/);
  });

  it('derives finishAt/startAt from countdowns', () => {
    assert.deepStrictEqual(derivedTimes('BSH.Common.Option.RemainingProgramTime', 600, now), { finishAt: '2026-12-08T10:10:00.000Z' });
    assert.deepStrictEqual(derivedTimes('BSH.Common.Option.StartInRelative', 60, now), { startAt: '2026-12-08T10:01:00.000Z' });
    assert.deepStrictEqual(derivedTimes('BSH.Common.Option.RemainingProgramTime', 'x', now), {});
    assert.deepStrictEqual(derivedTimes('BSH.Common.Status.DoorState', 5, now), {});
  });
});

describe('end of program', () => {
  const op = 'BSH.Common.Status.OperationState';
  it('a program ends on Finished/Aborting, on Ready/Inactive after running, or on a finished/aborted event', () => {
    assert.strictEqual(programEnded([{ key: op, value: 'Finished', previous: 'Run' }]), true);
    assert.strictEqual(programEnded([{ key: op, value: 'Ready', previous: 'Run' }]), true);
    assert.strictEqual(programEnded([{ key: op, value: 'Inactive', previous: 'Pause' }]), true);
    assert.strictEqual(programEnded([{ key: op, value: 'Ready', previous: 'Inactive' }]), false);
    assert.strictEqual(programEnded([{ key: op, value: 'Run', previous: 'Ready' }]), false);
    assert.strictEqual(programEnded([{ key: 'BSH.Common.Event.ProgramAborted', value: 'Present' }]), true);
    assert.strictEqual(programEnded([{ key: 'BSH.Common.Event.ProgramFinished', value: 'Off' }]), false);
  });
  it('completes only stale values the appliance reported', () => {
    assert.deepStrictEqual(
      endOfProgramCompletions({ 'BSH.Common.Option.RemainingProgramTime': 60, 'BSH.Common.Option.ProgramProgress': 98 }),
      [
        { key: 'BSH.Common.Option.RemainingProgramTime', value: 0, previous: 60 },
        { key: 'BSH.Common.Option.ProgramProgress', value: 100, previous: 98 },
      ],
    );
    assert.deepStrictEqual(
      endOfProgramCompletions({ 'BSH.Common.Option.RemainingProgramTime': 0, 'BSH.Common.Option.ProgramProgress': 100 }),
      [],
    );
    assert.deepStrictEqual(endOfProgramCompletions({}), []);
  });
});
