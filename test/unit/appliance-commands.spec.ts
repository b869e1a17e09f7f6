import assert from 'assert';
import {
  checkCommandKeys,
  commandErrorFields,
  guardCommand,
  parseCommand,
  runCommand,
  type ApplianceCommand,
  type CommandTarget,
} from '../../src/appliance/commands';
import { HomeConnectError } from '../../src/errors';
import { profileFromRecord } from '../../src/profile';
import type { ApplianceClient, RawResponse } from '../../src/protocol/types';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';

interface Call {
  method: string;
  args: unknown[];
}

/** An ApplianceClient that records every call and answers each with `answer`. */
function fakeTarget(
  record = demoDishwasher,
  snapshot: Record<string, unknown> = {},
  raw: RawResponse = { action: 'RESPONSE', resource: '/ro/values' },
) {
  const calls: Call[] = [];
  const record_ =
    (method: string) =>
    async (...args: unknown[]) => {
      calls.push({ method, args });
      return method === 'request' ? raw : { sent: [] };
    };
  const client = {
    snapshot: () => snapshot,
    setValues: record_('setValues'),
    selectProgram: record_('selectProgram'),
    startProgram: record_('startProgram'),
    stopProgram: record_('stopProgram'),
    pauseProgram: record_('pauseProgram'),
    resumeProgram: record_('resumeProgram'),
    command: record_('command'),
    request: record_('request'),
  } as unknown as ApplianceClient;
  const target: CommandTarget = { client, profile: profileFromRecord(record) };
  return { target, calls };
}

async function rejects(p: Promise<unknown>, kind: string, pattern: RegExp): Promise<HomeConnectError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof HomeConnectError, String(e));
    assert.strictEqual(e.kind, kind);
    assert.match(e.message, pattern);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('command model (src/appliance/commands)', () => {
  it('parseCommand reads payload and topic as the out node does', () => {
    assert.deepStrictEqual(parseCommand(true, 'ChildLock'), { type: 'values', values: { ChildLock: true } });
    assert.deepStrictEqual(parseCommand({ program: 'Eco50', startIn: 60 }), {
      type: 'program',
      action: 'start',
      program: 'Eco50',
      startIn: 60,
    });
    assert.deepStrictEqual(parseCommand({ action: 'stop' }), { type: 'stop' });
    assert.deepStrictEqual(parseCommand({ resource: '/ro/values', action: 'post', data: [] }), {
      type: 'raw',
      resource: '/ro/values',
      action: 'POST',
      data: [],
    });
    assert.throws(() => parseCommand({ program: 'Eco50', startIn: 1, finishIn: 2 }), /either "startIn" or "finishIn"/);
    assert.throws(
      () => parseCommand(42),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation',
    );
  });

  it('runs each command on the client and resolves the result with ok: true', async () => {
    const { target, calls } = fakeTarget();
    const commands: ApplianceCommand[] = [
      { type: 'values', values: { ChildLock: true } },
      { type: 'program', action: 'select', program: 'Dishcare.Dishwasher.Program.Eco50' },
      { type: 'program', action: 'start' },
      { type: 'stop' },
      { type: 'pause' },
      { type: 'resume' },
      { type: 'command', key: 'BSH.Common.Command.AbortProgram' },
      { type: 'raw', resource: '/ro/allMandatoryValues', action: 'GET' },
    ];
    for (const c of commands) assert.strictEqual((await runCommand(target, c)).ok, true);
    assert.deepStrictEqual(
      calls.map((c) => c.method),
      ['setValues', 'selectProgram', 'startProgram', 'stopProgram', 'pauseProgram', 'resumeProgram', 'command', 'request'],
    );
    // A plain start sends no options at all (the appliance keeps the selected program's).
    assert.deepStrictEqual(calls[2].args, [undefined, undefined]);
  });

  it('delayed start: maps startIn/finishIn to the option the program has, for the selected program too', async () => {
    const dw = fakeTarget(demoDishwasher, { 'BSH.Common.Root.SelectedProgram': 'Dishcare.Dishwasher.Program.Eco50' });
    await runCommand(dw.target, { type: 'program', action: 'start', startIn: 600 });
    assert.deepStrictEqual(dw.calls[0].args, [undefined, { 'BSH.Common.Option.StartInRelative': 600 }]);
    const wm = fakeTarget(demoWasher);
    await runCommand(wm.target, {
      type: 'program',
      action: 'start',
      program: 'LaundryCare.Washer.Program.Cotton',
      finishIn: 7200,
      options: { 'LaundryCare.Washer.Option.Temperature': 'GC40' },
    });
    assert.deepStrictEqual(wm.calls[0].args, [
      'LaundryCare.Washer.Program.Cotton',
      { 'LaundryCare.Washer.Option.Temperature': 'GC40', 'BSH.Common.Option.FinishInRelative': 7200 },
    ]);
    const none = fakeTarget(demoDishwasher, {});
    await rejects(runCommand(none.target, { type: 'program', action: 'start', startIn: 60 }), 'validation', /No program is selected/);
    assert.strictEqual(none.calls.length, 0);
  });

  it('refuses dangerous keys (full, short, uid, decimal-string uid) and raw writes outside the safe resources', async () => {
    const { target, calls } = fakeTarget();
    const refused: ApplianceCommand[] = [
      { type: 'command', key: 'BSH.Common.Command.ApplyFactoryReset' },
      { type: 'command', key: 'DeactivateWiFi' },
      { type: 'command', key: 553 },
      { type: 'values', values: { '1': true } },
      { type: 'raw', resource: '/ro/values', action: 'POST', data: [{ uid: 553, value: true }] },
      { type: 'raw', resource: '/ro/values', action: 'POST', data: [{ uid: '553', value: true }] },
      { type: 'raw', resource: '/ro/values', action: 'POST', data: [{ uid: '0x229', value: true }] },
      { type: 'raw', resource: '/ro/values', action: 'POST', data: [{ uid: 553.0000001, value: true }] },
      { type: 'raw', resource: '/ro/values', action: 'POST', data: [{ value: true }] },
      { type: 'raw', resource: '/ni/config', action: 'POST', data: [] },
      { type: 'raw', resource: '/ci/factoryReset', action: 'NOTIFY' },
    ];
    for (const c of refused) {
      const e = await rejects(
        runCommand(target, c),
        'validation',
        /is refused: it can reset the appliance or cut its network\. Tick "allow dangerous commands"/,
      );
      assert.strictEqual(e.details?.problem, 'dangerous');
      assert.throws(
        () => guardCommand(target.profile, c, { allowHint: 'Add --allow-dangerous to send it.' }),
        /Add --allow-dangerous to send it\.$/,
      );
    }
    assert.strictEqual(calls.length, 0, 'nothing sent');
    // A raw GET is never dangerous; allowed, everything goes out.
    await runCommand(target, { type: 'raw', resource: '/ni/info', action: 'GET' });
    for (const c of refused) await runCommand(target, c, { allowDangerous: true });
    assert.strictEqual(calls.length, refused.length + 1);
  });

  it('an error RESPONSE to a raw request is an appliance-error naming code, resource and error name', async () => {
    const named = fakeTarget(
      demoDishwasher,
      {},
      { action: 'RESPONSE', resource: '/ro/values', code: 400, codeName: 'BSH.Common.Error.WriteRequest.ReadOnly' },
    );
    const e = await rejects(
      runCommand(named.target, { type: 'raw', resource: '/ro/values', action: 'POST', data: [{ uid: 527, value: 0 }] }),
      'appliance-error',
      /^The appliance answered POST \/ro\/values with error 400 \(BSH\.Common\.Error\.WriteRequest\.ReadOnly\)\.$/,
    );
    assert.deepStrictEqual(commandErrorFields(e), {
      message: e.message,
      kind: 'appliance-error',
      code: 400,
      codeName: 'BSH.Common.Error.WriteRequest.ReadOnly',
    });
    // The profile names codes the response did not; a code nobody knows stays a number.
    const bare = fakeTarget(demoDishwasher, {}, { action: 'RESPONSE', resource: '/ro/values', code: 123456 });
    await rejects(
      runCommand(bare.target, { type: 'raw', resource: '/ro/values', action: 'GET' }),
      'appliance-error',
      /with error 123456\.$/,
    );
  });

  it('checkCommandKeys resolves keys, programs and options without a connection', () => {
    const profile = profileFromRecord(demoDishwasher);
    checkCommandKeys(profile, { type: 'values', values: { ChildLock: true, '539': 'On' } });
    checkCommandKeys(profile, { type: 'program', action: 'start', program: 'Eco50', options: { StartInRelative: 60 } });
    assert.throws(() => checkCommandKeys(profile, { type: 'values', values: { NoSuchThing: 1 } }), /NoSuchThing/);
    assert.throws(() => checkCommandKeys(profile, { type: 'program', action: 'select', program: 'Nope' }), /Nope/);
    assert.throws(() => checkCommandKeys(profile, { type: 'command', key: 'NoSuchCommand' }), /NoSuchCommand/);
  });

  it('commandErrorFields: the same fields for any failure', () => {
    assert.deepStrictEqual(commandErrorFields(new HomeConnectError('offline', 'gone')), { message: 'gone', kind: 'offline' });
    assert.deepStrictEqual(commandErrorFields(new Error('boom')), { message: 'boom', kind: 'internal' });
    assert.deepStrictEqual(commandErrorFields('text'), { message: 'text', kind: 'internal' });
  });
});
