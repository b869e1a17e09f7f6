import * as assert from 'assert';
import { EventEmitter } from 'events';
import * as fs from 'fs';
import fc from 'fast-check';
import { HomeConnectError } from '../../src/errors';
import { parseProfile, profileFromRecord } from '../../src/profile';
import type { ApplianceProfile } from '../../src/profile';
import type { DecodedValue, DescriptionChangeItem } from '../../src/profile/types';
import { Session, parseMessage, serializeMessage, type SessionTransport } from '../../src/protocol/session';
import type { Message } from '../../src/protocol/message';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import { rawProfilePairs } from '../support/paths';

/** Synchronous in-memory transport: a frame pushed in is handled before push() returns. */
class SyncTransport extends EventEmitter implements SessionTransport {
  readonly sent: string[] = [];
  async send(text: string): Promise<void> {
    this.sent.push(text);
  }
  push(text: string): void {
    this.emit('message', text);
  }
}

const profiles: ApplianceProfile[] = [profileFromRecord(demoDishwasher), profileFromRecord(demoWasher)];
const real = rawProfilePairs().slice(0, 3);
for (const p of real) profiles.push(parseProfile(fs.readFileSync(p.description, 'utf8'), fs.readFileSync(p.featureMapping, 'utf8')));
const knownUids = [...new Set(profiles.flatMap((p) => p.allFeatures().map((f) => f.uid)))];

const SID = 2_200_000_000;
const ED = 5_000;
const RESOURCES = [
  '/ro/values',
  '/ro/descriptionChange',
  '/ro/allMandatoryValues',
  '/ro/allDescriptionChanges',
  '/ei/initialValues',
  '/ci/services',
  '/ei/other',
  '/zz/x',
];
const ACTIONS = ['NOTIFY', 'POST', 'RESPONSE', 'GET', 'DELETE', ''];

const uid = fc.oneof(fc.constantFrom(...knownUids), fc.integer(), fc.double(), fc.string({ maxLength: 6 }), fc.constant(null));
const rawValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -5, max: 70000 }), fc.boolean(), fc.string({ maxLength: 12 }));
const item = fc.oneof(
  fc.record({ uid, value: rawValue }),
  fc.record(
    {
      uid,
      value: rawValue,
      access: fc.constantFrom('READ', 'READWRITE', 'NONE', 'WRITEONLY', 'readStatic', 'x'),
      available: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })),
      min: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })),
      max: fc.oneof(fc.integer(), fc.constant(null)),
      stepSize: fc.oneof(fc.integer(), fc.double()),
      enumType: fc.oneof(fc.integer({ min: 0, max: 40000 }), fc.string({ maxLength: 4 })),
      execution: fc.constantFrom('NONE', 'SELECTONLY', 'STARTONLY', 'SELECTANDSTART', 7),
      parentUID: fc.oneof(fc.constantFrom(...knownUids), fc.integer()),
      default: rawValue,
    },
    { requiredKeys: ['uid'] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);
const data = fc.oneof(fc.array(item, { maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }));

/** A plausible envelope with any field possibly wrong, missing or of the wrong type. */
const envelope = fc.record(
  {
    sID: fc.oneof(fc.constant(SID), fc.integer(), fc.string({ maxLength: 12 }), fc.constant(null)),
    msgID: fc.oneof(fc.integer({ min: ED, max: ED + 4 }), fc.integer(), fc.string({ maxLength: 12 }), fc.double()),
    resource: fc.oneof(fc.constantFrom(...RESOURCES), fc.string({ maxLength: 20 }), fc.integer()),
    version: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
    action: fc.oneof(fc.constantFrom(...ACTIONS), fc.string({ maxLength: 8 }), fc.integer()),
    data,
    code: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.string({ maxLength: 4 }), fc.constant(null)),
    edMsgID: fc.integer(),
  },
  { requiredKeys: [] },
);

/** Mostly right envelopes (so dispatch, decoding and description changes are reached often). */
const plausible = fc.record(
  {
    sID: fc.constant(SID),
    msgID: fc.oneof(fc.integer({ min: ED, max: ED + 2 }), fc.integer({ min: 0, max: 2 ** 32 })),
    resource: fc.constantFrom(...RESOURCES),
    version: fc.constantFrom(1, 2),
    action: fc.constantFrom('NOTIFY', 'NOTIFY', 'RESPONSE', 'POST'),
    data: fc.array(item, { maxLength: 8 }),
    code: fc.integer({ min: 400, max: 600 }),
  },
  { requiredKeys: ['sID', 'msgID', 'resource', 'version', 'action'] },
);

/** Frames: plausible and mutated envelopes, JSON of any shape, truncated JSON and arbitrary text. */
const frame = fc.oneof(
  { weight: 6, arbitrary: plausible.map((e) => JSON.stringify(e)) },
  { weight: 4, arbitrary: envelope.map((e) => JSON.stringify(e)) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(envelope, fc.nat()).map(([e, cut]) => {
      const t = JSON.stringify(e);
      return t.slice(0, cut % (t.length + 1));
    }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 60, unit: 'binary' }) },
);

const initialValues = JSON.stringify({
  sID: SID,
  msgID: 1,
  resource: '/ei/initialValues',
  version: 2,
  action: 'POST',
  data: [{ edMsgID: ED }],
});

interface Observed {
  values: DecodedValue[][];
  descriptions: DescriptionChangeItem[][];
  failures: HomeConnectError[];
  eventsAfterFailure: number;
  warnings: string[];
}

function observe(session: Session): Observed {
  const o: Observed = { values: [], descriptions: [], failures: [], eventsAfterFailure: 0, warnings: [] };
  session.on('values', (v) => {
    if (o.failures.length) o.eventsAfterFailure++;
    o.values.push(v);
  });
  session.on('description', (d) => {
    if (o.failures.length) o.eventsAfterFailure++;
    o.descriptions.push(d);
  });
  session.on('failure', (e) => o.failures.push(e));
  return o;
}

/**
 * Property-based fuzzing of the session's message handling with real profiles: random and
 * mutated frames never make it throw, only HomeConnectError 'protocol' ends a session (at
 * most once, nothing emitted after it), decoded values always belong to the profile, and
 * pending requests settle only with a message or a HomeConnectError.
 */
describe('fuzz: session message handling', function () {
  this.timeout(60_000);

  it('parseMessage: any text gives a well-typed Message or a protocol HomeConnectError', () => {
    fc.assert(
      fc.property(frame, (text) => {
        let m: Message;
        try {
          m = parseMessage(text);
        } catch (e) {
          assert.ok(e instanceof HomeConnectError && e.kind === 'protocol', String(e));
          return;
        }
        for (const k of ['sID', 'msgID', 'version'] as const) assert.ok(Number.isInteger(m[k]), `${k} = ${m[k]}`);
        assert.strictEqual(typeof m.resource, 'string');
        assert.strictEqual(typeof m.action, 'string');
        if (m.data !== undefined) assert.ok(Array.isArray(m.data));
        if (m.code !== undefined) assert.ok(Number.isInteger(m.code));
      }),
      { numRuns: 5000 },
    );
  });

  it('serializeMessage → parseMessage is the identity for well-formed envelopes', () => {
    const msg = fc.record(
      {
        sID: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        msgID: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        resource: fc.constantFrom(...RESOURCES),
        version: fc.integer({ min: 1, max: 3 }),
        action: fc.constantFrom('GET', 'POST', 'NOTIFY', 'RESPONSE' as const),
        data: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
        code: fc.integer({ min: 0, max: 600 }),
      },
      { requiredKeys: ['sID', 'msgID', 'resource', 'version', 'action'] },
    );
    fc.assert(
      fc.property(msg, (m) => {
        // JSON cannot carry -0; normalise it the way the wire does
        const wire = JSON.parse(JSON.stringify(m)) as Message;
        assert.deepStrictEqual(parseMessage(serializeMessage(m as Message)), wire);
      }),
      { numRuns: 2000 },
    );
  });

  for (const opened of [true, false]) {
    it(`random frame sequences ${opened ? 'after' : 'before'} /ei/initialValues never throw; failures are clean`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(profiles.length - 1), fc.array(frame, { minLength: 1, maxLength: 25 }), async (pi, frames) => {
          const profile = profiles[pi];
          const t = new SyncTransport();
          const warnings: string[] = [];
          const session = new Session({
            transport: t,
            profile,
            deviceName: 'fuzz',
            deviceId: 'fuzz',
            requestTimeoutMs: 60_000,
            initialTimeoutMs: 60_000,
            logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
          });
          const o = observe(session);
          const settled: unknown[] = [];
          if (opened) {
            t.push(initialValues);
            assert.strictEqual(session.sessionId, SID);
            // A request is pending while the frames arrive (its msgID is ED: the first after the handshake).
            session.request('/ro/allMandatoryValues', 'GET').then(
              (m) => settled.push(m),
              (e) => settled.push(e),
            );
          }
          for (const f of frames) t.push(f); // a throw here fails the property
          session.dispose();
          assert.ok(o.failures.length <= 1, 'at most one failure');
          for (const e of o.failures) assert.ok(e instanceof HomeConnectError && e.kind === 'protocol', String(e));
          assert.strictEqual(o.eventsAfterFailure, 0, 'nothing emitted after a failure');
          assert.deepStrictEqual(warnings, [], 'no internal error was swallowed');
          for (const batch of o.values) {
            for (const v of batch) {
              assert.ok(profile.byUid(v.uid), `decoded uid ${v.uid} is in the profile`);
              assert.strictEqual(typeof v.key, 'string');
            }
          }
          for (const batch of o.descriptions) for (const d of batch) assert.ok(Number.isFinite(d.uid));
          // Every reply the session wrote is a valid envelope.
          for (const text of t.sent) {
            const m = parseMessage(text);
            assert.ok(['GET', 'POST', 'NOTIFY', 'RESPONSE'].includes(m.action), m.action);
          }
          await new Promise((r) => setImmediate(r));
          if (opened) assert.strictEqual(settled.length, 1, 'the pending request settled');
          for (const s of settled)
            assert.ok(s instanceof HomeConnectError || (typeof s === 'object' && s !== null && 'action' in s), String(s));
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('after any random description changes, decoding and validation of any value still never throw unexpectedly', () => {
    fc.assert(
      fc.property(
        fc.nat(profiles.length - 1),
        fc.array(item, { maxLength: 20 }),
        fc.array(fc.tuple(uid, rawValue), { maxLength: 20 }),
        (pi, changes, reads) => {
          // A fresh copy: description changes mutate the profile.
          const base = profiles[pi];
          const profile = pi < 2 ? profileFromRecord(pi === 0 ? demoDishwasher : demoWasher) : base;
          const t = new SyncTransport();
          const session = new Session({
            transport: t,
            profile,
            deviceName: 'f',
            deviceId: 'f',
            logger: { debug() {}, info() {}, warn: (m) => assert.fail(m), error: (m) => assert.fail(m) },
          });
          t.push(initialValues);
          t.push(JSON.stringify({ sID: SID, msgID: 2, resource: '/ro/descriptionChange', version: 1, action: 'NOTIFY', data: changes }));
          for (const [u, v] of reads) {
            const d = typeof u === 'number' ? profile.decode(u, v) : undefined;
            if (d) assert.strictEqual(d.uid, u);
            const f = typeof u === 'number' ? profile.byUid(u) : undefined;
            if (f) {
              try {
                profile.encodeValue(f.uid, v);
              } catch (e) {
                assert.ok(e instanceof HomeConnectError && e.kind === 'validation', String(e));
              }
            }
          }
          session.dispose();
        },
      ),
      { numRuns: 300 },
    );
  });
});
