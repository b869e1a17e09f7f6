/**
 * Programs of the simulated appliances run as long as on real appliances: every program of
 * every demo has a realistic duration (none falls back to the simulator's generic default).
 */
import assert from 'assert';
import { profileFromRecord } from '../../src/profile';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { typicalDurationS } from '../../src/simulator/program-durations';
import { DEFAULT_DURATION_S, planRun } from '../../src/simulator/program-runner';
import { SimulatedState } from '../../src/simulator/simulated-state';

const MIN = 60;
const HOUR = 3600;

describe('simulator: realistic program durations', () => {
  for (const record of demoRecords()) {
    describe(`demo ${record.name}`, () => {
      const state = new SimulatedState(profileFromRecord(record));
      for (const program of state.profile.programs()) {
        it(`${program.key} has a realistic duration`, () => {
          const { durationS, delayS } = planRun(state, program.uid, []);
          assert.strictEqual(delayS, 0);
          if (durationS === DEFAULT_DURATION_S) {
            // The generic fallback is only fine where it is also the typical figure.
            assert.strictEqual(
              typicalDurationS(program.key),
              DEFAULT_DURATION_S,
              `${program.key} falls back to the generic 2 h: add it to src/simulator/program-durations.ts`,
            );
          }
          // From a beverage in seconds to a 4-hour eco wash; a hood may run until stopped.
          assert.ok(durationS === Infinity || (durationS >= 10 && durationS <= 4 * HOUR), `${program.key}: ${durationS} s`);
        });
      }
    });
  }

  it('Quick45 lasts 45 minutes, Eco 50 hours longer; a washer quick wash 15 minutes', () => {
    const dishwasher = new SimulatedState(profileFromRecord(demoRecords().find((r) => r.type === 'Dishwasher')!));
    const uid = (s: SimulatedState, key: string): number => s.profile.programs().find((p) => p.key === key)!.uid;
    assert.strictEqual(planRun(dishwasher, uid(dishwasher, 'Dishcare.Dishwasher.Program.Quick45'), []).durationS, 45 * MIN);
    assert.ok(planRun(dishwasher, uid(dishwasher, 'Dishcare.Dishwasher.Program.Eco50'), []).durationS >= 3 * HOUR);
    const washer = new SimulatedState(profileFromRecord(demoRecords().find((r) => r.type === 'Washer')!));
    assert.strictEqual(planRun(washer, uid(washer, 'LaundryCare.Washer.Program.Quick15'), []).durationS, 15 * MIN);
  });

  it('families without their own entry get the family figure; unknown programs none', () => {
    assert.strictEqual(typicalDurationS('Vendor.Unknown.Program.X'), undefined);
    assert.strictEqual(typicalDurationS(undefined), undefined);
    assert.strictEqual(typicalDurationS('ConsumerProducts.CoffeeMaker.Program.Beverage.Espresso'), MIN);
    assert.strictEqual(typicalDurationS('LaundryCare.Common.Program.Memory3'), 2 * HOUR);
  });
});
