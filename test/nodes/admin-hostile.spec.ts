/**
 * Every admin handler answers, even when appliance data is nested 120 000 deep (JSON.parse
 * accepts that, JSON.stringify of it overflows the stack): depth-limited output or a 500
 * with a sentence, never a request left open.
 */
import * as assert from 'assert';
import { ADMIN_PREFIX, MAX_ANSWER_DEPTH, limitDepth, registerAdminApi } from '../../nodes/admin-api';
import type { RedAPI } from '../../nodes/red-types';
import { profileFromRecord } from '../../src/profile';
import { demoDishwasher } from '../../src/simulator/demo-profiles';

function deepValue(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

interface Answer {
  status: number;
  text: string;
}

describe('admin API: hostile appliance data', function () {
  const routes = new Map<string, (req: unknown, res: unknown) => void>();
  const deep = deepValue(120_000);
  const record = { ...demoDishwasher, host: '127.0.0.1:1' };
  const profile = profileFromRecord(record);
  const client = {
    state: 'connected',
    info: { deviceID: 'X', vib: 'V', nested: deep },
    lastReason: undefined,
    snapshot: () => ({ 'BSH.Common.Status.DoorState': deep }),
    history: () => [],
    traffic: () => [],
  };
  const account = {
    id: 'acc1',
    type: 'homeconnect-local-account',
    appliances: [{ haId: record.haId, name: 'dw', host: record.host, connectionType: record.connectionType }],
    storedRecords: () => [record],
    connection: () => ({ haId: record.haId, name: 'dw', client, profile }),
  };

  before(() => {
    const take = (p: string, ...handlers: unknown[]) =>
      routes.set(p, handlers[handlers.length - 1] as (req: unknown, res: unknown) => void);
    const red = {
      nodes: { createNode() {}, registerType() {}, getNode: (id: string) => (id === 'acc1' ? account : null) },
      events: { on() {}, removeListener() {} },
      _: (k: string) => k,
      httpAdmin: { get: take, post: take },
      auth: { needsPermission: () => (_req: unknown, _res: unknown, next: () => void) => next() },
      log: { warn() {} },
    } as unknown as RedAPI;
    registerAdminApi(red);
  });

  /** Runs a handler with an express-like response whose json() serialises (and may throw). */
  async function call(path: string, req: Record<string, unknown>): Promise<Answer> {
    const handler = routes.get(`${ADMIN_PREFIX}${path}`)!;
    return new Promise<Answer>((resolve, reject) => {
      let status = 200;
      const res = {
        status(code: number) {
          status = code;
          return res;
        },
        json(body: unknown) {
          const text = JSON.stringify(body); // throws like express does on a too deep value
          resolve({ status, text });
          return res;
        },
      };
      handler({ params: {}, headers: { 'content-type': 'application/json' }, ...req }, res);
      setTimeout(() => reject(new Error(`${path} never answered`)), 2000);
    });
  }

  it('GET /live answers with the deep value cut at a fixed depth', async function () {
    const a = await call('/account/:id/appliance/:haId/live', { params: { id: 'acc1', haId: record.haId } });
    assert.strictEqual(a.status, 200);
    assert.match(a.text, /nested too deeply/);
  });

  it('POST /test-connection answers for a connected appliance with deep info', async function () {
    const a = await call('/test-connection', { body: { account: 'acc1', haId: record.haId } });
    assert.strictEqual(a.status, 200);
    const body = JSON.parse(a.text);
    assert.strictEqual(body.answer, 'connected');
    assert.match(a.text, /nested too deeply/);
  });

  it('GET /diagnostics answers too', async function () {
    const a = await call('/account/:id/diagnostics', { params: { id: 'acc1' } });
    assert.strictEqual(a.status, 200);
  });

  it('limitDepth keeps __proto__ keys as data and cuts at the given depth', function () {
    const v = JSON.parse('{"__proto__":{"a":[[[1]]]}}') as unknown;
    const out = limitDepth(v, 3) as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(out, '__proto__'));
    assert.strictEqual(JSON.stringify(out), '{"__proto__":{"a":["[nested too deeply]"]}}');
    assert.ok(MAX_ANSWER_DEPTH >= 16);
  });
});
