import assert from 'assert';
import { EventEmitter } from 'events';
import {
  NO_FALLBACK_CODES,
  StartPathMemory,
  isStartPath,
  startWithStrategies,
  type StartTarget,
} from '../../src/appliance/start-strategies';
import { HomeConnectError } from '../../src/errors';
import { profileFromRecord } from '../../src/profile';
import type { ApplianceClient } from '../../src/protocol/types';
import { demoDishwasher } from '../../src/simulator/demo-profiles';

type Answer = HomeConnectError | 'ok';

/** A client whose writes answer from a script, in order; every call is recorded. */
function scripted(script: Answer[]) {
  const calls: string[] = [];
  const emitter = new EventEmitter();
  const answer = (method: string) => async () => {
    calls.push(method);
    const a = script.shift() ?? 'ok';
    if (a !== 'ok') throw a;
    return { ok: true, resource: method, sent: [] };
  };
  const client = Object.assign(emitter, {
    haId: 'SIM-DW',
    snapshot: () => ({}),
    startProgram: answer('start'),
    selectProgram: answer('select'),
    setValues: answer('values'),
    request: async () => {
      calls.push('values');
      const a = script.shift() ?? 'ok';
      if (a !== 'ok') return { action: 'RESPONSE', resource: '/ro/values', code: a.code };
      return { action: 'RESPONSE', resource: '/ro/values' };
    },
  }) as unknown as ApplianceClient & EventEmitter;
  const target: StartTarget = { client, profile: profileFromRecord(demoDishwasher) };
  return { target, calls, client };
}

const refusal = (code: number) => new HomeConnectError('appliance-error', `refused ${code}`, { code });
const ECO50 = 'Dishcare.Dishwasher.Program.Eco50';
const WITH_OPTIONS = { program: ECO50, options: { 'Dishcare.Dishwasher.Option.IntensivZone': true } };

describe('start strategies (src/appliance/start-strategies)', () => {
  for (const code of [400, 403, 519, 525, 526, 530]) {
    it(`a ${code} refusal of the direct start falls back to select-then-start`, async () => {
      const { target, calls } = scripted([refusal(code)]);
      const out = await startWithStrategies(target, WITH_OPTIONS);
      assert.strictEqual(out.startPath, 'select-then-start');
      assert.deepStrictEqual(out.refused, [{ startPath: 'direct', code }]);
      assert.deepStrictEqual(calls, ['start', 'select', 'start']);
    });
  }

  for (const code of NO_FALLBACK_CODES) {
    it(`a ${code} refusal is not retried another way`, async () => {
      const { target, calls } = scripted([refusal(code)]);
      await assert.rejects(startWithStrategies(target, WITH_OPTIONS), (e: unknown) => (e as HomeConnectError).code === code);
      assert.deepStrictEqual(calls, ['start']);
    });
  }

  for (const kind of ['timeout', 'unknown-outcome', 'not-connected', 'protocol', 'validation'] as const) {
    it(`an error of kind ${kind} ends the start at once, wherever it happens`, async () => {
      const first = scripted([new HomeConnectError(kind, 'x')]);
      await assert.rejects(startWithStrategies(first.target, WITH_OPTIONS), { kind });
      assert.deepStrictEqual(first.calls, ['start']);
      // During a fallback too: the select of select-then-start.
      const later = scripted([refusal(400), new HomeConnectError(kind, 'x')]);
      await assert.rejects(startWithStrategies(later.target, WITH_OPTIONS), { kind });
      assert.deepStrictEqual(later.calls, ['start', 'select']);
    });
  }

  it('541 with a delayed start goes to the write window next, and starts once the window is announced', async () => {
    const { target, calls, client } = scripted([refusal(541)]);
    const pending = startWithStrategies(target, { program: ECO50, options: { 'BSH.Common.Option.StartInRelative': 600 } });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(calls, ['start'], 'waiting: no select-then-start, nothing sent');
    client.emit('description', [{ uid: 0x022e, access: 'READWRITE' }]);
    const out = await pending;
    assert.strictEqual(out.startPath, 'write-window');
    assert.deepStrictEqual(calls, ['start', 'start']);
  });

  it('every path refused: one error listing them, with the last code', async () => {
    const { target, calls } = scripted([refusal(400), refusal(403), 'ok', refusal(400)]);
    await assert.rejects(startWithStrategies(target, WITH_OPTIONS), (e: unknown) => {
      const err = e as HomeConnectError;
      assert.strictEqual(err.kind, 'appliance-error');
      assert.strictEqual(err.code, 400);
      assert.match(err.message, /every path it was offered: direct 400, select-then-start 403, options-as-values 400/);
      assert.deepStrictEqual(
        (err.details?.refused as Array<{ startPath: string }>).map((r) => r.startPath),
        ['direct', 'select-then-start', 'options-as-values'],
      );
      return true;
    });
    assert.deepStrictEqual(calls, ['start', 'select', 'select', 'values']);
  });

  it('the preferred path goes first when it fits, and is skipped when it does not', async () => {
    const a = scripted([]);
    assert.strictEqual(
      (await startWithStrategies(a.target, WITH_OPTIONS, { preferred: 'options-as-values' })).startPath,
      'options-as-values',
    );
    assert.deepStrictEqual(a.calls, ['select', 'values', 'start']);
    const b = scripted([]);
    assert.strictEqual((await startWithStrategies(b.target, WITH_OPTIONS, { preferred: 'write-window' })).startPath, 'direct');
  });

  it('StartPathMemory keeps one path per appliance, bounded, newest kept', () => {
    const m = new StartPathMemory();
    m.remember('A', 'direct');
    m.remember('A', 'write-window');
    assert.strictEqual(m.get('A'), 'write-window');
    for (let i = 0; i < 1100; i++) m.remember(`X${i}`, 'select-then-start');
    assert.strictEqual(m.size, 1000);
    assert.strictEqual(m.get('A'), undefined, 'the oldest went first');
    assert.strictEqual(m.get('X1099'), 'select-then-start');
    m.forget('X1099');
    assert.strictEqual(m.get('X1099'), undefined);
    assert.ok(isStartPath('options-as-values') && !isStartPath('sideways') && !isStartPath(42));
  });
});
