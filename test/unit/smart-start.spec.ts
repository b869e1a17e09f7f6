import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import { profileFromRecord } from '../../src/profile';
import { SmartStarter, planSummary, type SmartStartEvent, type SmartStartRequest } from '../../src/planner';
import type { ApplianceClient, ValueChange } from '../../src/protocol/types';
import { demoRecords } from '../../src/simulator/demo-profiles';

const H = 3_600_000;
const T0 = Date.parse('2026-12-08T20:00:00Z');
const ECO = 'Dishcare.Dishwasher.Program.Eco50';

/** Just enough of a connection: a snapshot, and recorded writes with scripted outcomes. */
function fakeClient(snapshot: Record<string, unknown>) {
  const calls: Array<{ what: string; args: unknown[] }> = [];
  let startOutcome: () => Promise<unknown> = async () => ({ ok: true, resource: '/ro/activeProgram', sent: [] });
  const client = {
    snapshot: () => snapshot,
    startProgram: (...args: unknown[]) => {
      calls.push({ what: 'start', args });
      return startOutcome();
    },
    setValues: async (...args: unknown[]) => {
      calls.push({ what: 'set', args });
      return { ok: true, resource: '/ro/values', sent: [] };
    },
  } as unknown as ApplianceClient;
  return { client, calls, failStartWith: (e: Error) => (startOutcome = () => Promise.reject(e)) };
}

function changed(key: string): ValueChange[] {
  return [{ uid: 0, key, kind: 'status', value: undefined, raw: undefined }];
}

function prices(cheapHours: number[]): Array<{ start: number; price: number }> {
  return Array.from({ length: 12 }, (_, i) => ({ start: T0 + i * H, price: cheapHours.includes(i) ? 0.1 : 0.4 }));
}

describe('smart start controller', () => {
  const profile = profileFromRecord(demoRecords()[0]);
  let now = T0;
  const base: SmartStartRequest = { deadline: '10h', objective: 'cheapest', fallback: 'now', program: ECO, durationS: 7200 };

  function starter(snapshot: Record<string, unknown>) {
    const fake = fakeClient({
      'BSH.Common.Status.OperationState': 'Ready',
      'BSH.Common.Status.RemoteControlStartAllowed': true,
      ...snapshot,
    });
    const events: SmartStartEvent[] = [];
    const s = new SmartStarter(
      { client: fake.client, profile },
      (e) => events.push(e),
      () => now,
    );
    return { s, events, fake, snapshot: fake.client.snapshot() };
  }

  beforeEach(() => (now = T0));

  it('arms with StartInRelative on the step and reports the plan', async () => {
    const { s, events, fake } = starter({});
    await s.request({ ...base, series: prices([4, 5]) });
    assert.strictEqual(events.length, 1);
    const e = events[0];
    assert.strictEqual(e.type, 'armed');
    assert.strictEqual(fake.calls.length, 1);
    const [program, options] = fake.calls[0].args as [string, Record<string, number>];
    assert.strictEqual(program, ECO);
    assert.deepStrictEqual(options, { 'BSH.Common.Option.StartInRelative': 4 * 3600 });
    if (e.type === 'armed') assert.strictEqual(planSummary(e.plan, 'UTC'), 'starts 00:00, done 02:00, saves 75 %');
  });

  it('a start with an unknown outcome is never sent again', async () => {
    const { s, events, fake } = starter({});
    fake.failStartWith(new HomeConnectError('unknown-outcome', 'The link dropped while the start was pending.'));
    await s.request({ ...base, series: prices([4, 5]) });
    await s.request({ ...base, series: prices([4, 5]) });
    assert.strictEqual(fake.calls.filter((c) => c.what === 'start').length, 1);
    assert.deepStrictEqual(
      events.map((e) => (e.type === 'error' ? e.error.kind : e.type)),
      ['unknown-outcome', 'unknown-outcome'],
    );
    if (events[1].type === 'error') assert.match(events[1].error.message, /not sent again/);
  });

  it('waits for the door, re-plans when the window has passed meanwhile, then arms', async () => {
    const { s, events, fake, snapshot } = starter({ 'BSH.Common.Status.DoorState': 'Open' });
    await s.request({ ...base, series: prices([1, 2]) });
    assert.deepStrictEqual(
      events.map((e) => e.type),
      ['waiting'],
    );
    assert.strictEqual(events[0].type === 'waiting' && events[0].reason, 'door');
    now = T0 + 1.5 * H; // the planned 01:00 start has passed
    snapshot['BSH.Common.Status.DoorState'] = 'Closed';
    s.valuesChanged(changed('BSH.Common.Status.DoorState'));
    await new Promise((r) => setImmediate(r));
    assert.strictEqual(events[1].type, 'armed');
    assert.strictEqual(fake.calls.length, 1);
    const options = fake.calls[0].args[1] as Record<string, number> | undefined;
    // from 01:30 the best 2 h window still overlaps the cheap hours most: start now (01:30–03:30 covers 1.5 h of them)
    assert.strictEqual(options, undefined, 'starting now sends no delayed-start option');
  });

  it('re-arms a waiting delayed start by writing the option when the appliance allows it', async () => {
    const { s, events, fake, snapshot } = starter({});
    await s.request({ ...base, series: prices([4, 5]) });
    snapshot['BSH.Common.Status.OperationState'] = 'DelayedStart';
    profile.applyDescriptionChange({ uid: 0x22e, access: 'readWrite' });
    try {
      await s.request({ ...base, series: prices([7, 8]) });
      assert.strictEqual(events[1].type, 'armed');
      assert.deepStrictEqual(fake.calls[1], { what: 'set', args: [{ 'BSH.Common.Option.StartInRelative': 7 * 3600 }] });
      assert.strictEqual(fake.calls.filter((c) => c.what === 'start').length, 1);
    } finally {
      profile.applyDescriptionChange({ uid: 0x22e, access: 'read' });
    }
  });

  it('takes the duration from the appliance for the selected program, and refuses when it is unknown', async () => {
    const { s, events, fake } = starter({
      'BSH.Common.Root.SelectedProgram': ECO,
      'BSH.Common.Option.RemainingProgramTime': 3600,
    });
    await s.request({ deadline: '10h', objective: 'cheapest', fallback: 'now', series: prices([4]) });
    assert.strictEqual(events[0].type, 'armed');
    if (events[0].type === 'armed') assert.strictEqual(events[0].plan.durationS, 3600);
    assert.deepStrictEqual(fake.calls[0].args[1], { 'BSH.Common.Option.StartInRelative': 4 * 3600 });
    const other = starter({});
    await other.s.request({ deadline: '10h', objective: 'cheapest', fallback: 'now', program: ECO, series: prices([4]) });
    assert.strictEqual(other.events[0].type, 'error');
    if (other.events[0].type === 'error') assert.match(other.events[0].error.message, /duration of .*Eco50 is not known/);
  });
});
