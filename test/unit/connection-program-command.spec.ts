import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import { profileFromRecord } from '../../src/profile';
import type { Feature } from '../../src/profile/types';
import { isDangerousCommand, resolveDelayedStart, type DelayedStartProfile } from '../../src/protocol/program-command';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';

/** A minimal profile: one program with the given per-program options. */
function fakeProfile(
  features: Feature[],
  programOptions: Array<{ uid: number; default?: string; stepSize?: number }>,
): DelayedStartProfile {
  const program: Feature = {
    uid: 9000,
    key: 'Test.Program.P',
    shortKey: 'P',
    kind: 'program',
    attributes: {},
    options: programOptions.map((o) => {
      const f = features.find((x) => x.uid === o.uid)!;
      return {
        uid: o.uid,
        key: f.key,
        attributes: {},
        ...(o.default ? { default: o.default } : {}),
        ...(o.stepSize ? { stepSize: o.stepSize } : {}),
      };
    }),
  };
  const all = [...features, program];
  return {
    find: (ref) => all.find((f) => f.key === ref || f.uid === ref || f.shortKey === ref),
    resolve: (ref) => {
      const f = all.find((x) => x.key === ref || x.uid === ref || x.shortKey === ref);
      if (!f) throw new HomeConnectError('validation', `unknown ${ref}`);
      return f;
    },
  };
}
const opt = (uid: number, key: string, extra: Partial<Feature> = {}): Feature => ({
  uid,
  key,
  shortKey: key.split('.').pop()!,
  kind: 'option',
  attributes: {},
  ...extra,
});
const START = opt(558, 'BSH.Common.Option.StartInRelative', { stepSize: 60 });
const FINISH = opt(551, 'BSH.Common.Option.FinishInRelative', { stepSize: 60 });
const DURATION = opt(0x27, 'BSH.Common.Option.EstimatedTotalProgramTime');

describe('resolveDelayedStart', () => {
  it('dishwasher (StartInRelative): startIn maps directly', () => {
    const p = profileFromRecord(demoDishwasher);
    assert.deepStrictEqual(resolveDelayedStart(p, 'Eco50', { startIn: 3600 }), { 'BSH.Common.Option.StartInRelative': 3600 });
    assert.deepStrictEqual(resolveDelayedStart(p, 'Eco50', {}), {});
  });

  it('washer (FinishInRelative): finishIn maps directly', () => {
    const p = profileFromRecord(demoWasher);
    const program = p.programs()[0].key;
    assert.deepStrictEqual(resolveDelayedStart(p, program, { finishIn: 7200 }), { 'BSH.Common.Option.FinishInRelative': 7200 });
  });

  it('converts startIn to FinishInRelative with the known duration, rounded up to the step', () => {
    const p = fakeProfile([FINISH, DURATION], [{ uid: 551 }, { uid: 0x27, default: '5430' }]);
    assert.deepStrictEqual(resolveDelayedStart(p, 'P', { startIn: 3600 }), { 'BSH.Common.Option.FinishInRelative': 9060 });
    assert.deepStrictEqual(resolveDelayedStart(p, 'P', { startIn: 0, durationS: 600 }), { 'BSH.Common.Option.FinishInRelative': 600 });
  });

  it('converts finishIn to StartInRelative and refuses a finish before the program could end', () => {
    const p = fakeProfile([START, DURATION], [{ uid: 558 }, { uid: 0x27, default: '3600' }]);
    assert.deepStrictEqual(resolveDelayedStart(p, 'P', { finishIn: 7200 }), { 'BSH.Common.Option.StartInRelative': 3600 });
    assert.throws(() => resolveDelayedStart(p, 'P', { finishIn: 600 }), { kind: 'validation' });
  });

  it('without a known duration names what the appliance offers', () => {
    const p = fakeProfile([FINISH], [{ uid: 551 }]);
    assert.throws(
      () => resolveDelayedStart(p, 'P', { startIn: 60 }),
      (e: unknown) =>
        e instanceof HomeConnectError && e.kind === 'validation' && /only FinishInRelative/.test(e.message) && /finishIn/.test(e.message),
    );
  });

  it('a program that lists options but not the delayed start has none', () => {
    const p = fakeProfile([START, FINISH, DURATION], [{ uid: 0x27 }]);
    assert.throws(() => resolveDelayedStart(p, 'P', { startIn: 60 }), /no delayed start/);
  });

  it('rejects both at once and nonsense numbers', () => {
    const p = fakeProfile([START], [{ uid: 558 }]);
    assert.throws(() => resolveDelayedStart(p, 'P', { startIn: 1, finishIn: 2 }), { kind: 'validation' });
    assert.throws(() => resolveDelayedStart(p, 'P', { startIn: -1 }), { kind: 'validation' });
    assert.throws(() => resolveDelayedStart(p, 'P', { startIn: NaN }), { kind: 'validation' });
  });
});

describe('isDangerousCommand', () => {
  it('flags resets and network cut-offs', () => {
    for (const k of [
      'BSH.Common.Command.ApplyFactoryReset',
      'BSH.Common.Command.FactoryReset',
      'BSH.Common.Command.ResetNetwork',
      'BSH.Common.Command.NetworkReset',
      'BSH.Common.Command.DeactivateWiFi',
      'BSH.Common.Command.DeactivateWifi',
      'Wifi off',
    ]) {
      assert.ok(isDangerousCommand(k), k);
    }
  });

  it('leaves everyday commands alone', () => {
    for (const k of [
      'BSH.Common.Command.AbortProgram',
      'BSH.Common.Command.PauseProgram',
      'BSH.Common.Command.ResumeProgram',
      'BSH.Common.Command.AcknowledgeEvent',
      'BSH.Common.Setting.PowerState',
    ]) {
      assert.ok(!isDangerousCommand(k), k);
    }
  });
});
