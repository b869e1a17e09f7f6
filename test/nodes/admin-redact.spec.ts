import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { LoginStore } from '../../nodes/admin/login-store';
import { withModel } from '../../nodes/admin/test-connection';
import { createLoginRequest } from '../../src/cloud';
import { REDACTED, redactSecrets, secretsOf } from '../../src/protocol/redact';
import { demoWasher } from '../../src/simulator/demo-profiles';

describe('admin: redactSecrets', function () {
  const key = randomBytes(32);
  const iv = randomBytes(16);

  it('replaces any string holding a secret as base64url, base64 (any alignment), hex or text', function () {
    const blob = (prefix: number, enc: BufferEncoding) => Buffer.concat([randomBytes(prefix), key, randomBytes(5)]).toString(enc);
    const leaks = [
      key.toString('base64url'),
      key.toString('base64'),
      `psk=${key.toString('hex')}`,
      key.toString('hex').toUpperCase(),
      `iv ${iv.toString('base64url')} inside`,
      blob(0, 'base64'),
      blob(1, 'base64'),
      blob(2, 'base64url'),
      blob(4, 'hex'),
    ];
    const out = redactSecrets({ list: leaks, nested: { deep: [{ text: leaks[0] }] } }, [key, iv]) as any;
    assert.deepStrictEqual(
      out.list,
      leaks.map(() => REDACTED),
    );
    assert.strictEqual(out.nested.deep[0].text, REDACTED);
  });

  it('keeps ordinary values, hides secret-named fields and secret-bearing object keys', function () {
    const input = {
      state: 'connected',
      at: 12,
      ok: true,
      none: null,
      key: 'anything',
      Token: 'abc',
      credentials: { a: 1 },
      [key.toString('hex')]: 'x',
      values: { 'BSH.Common.Status.DoorState': 'Open' },
    };
    const out = redactSecrets(input, [key]) as Record<string, unknown>;
    assert.strictEqual(out.state, 'connected');
    assert.strictEqual(out.at, 12);
    assert.strictEqual(out.ok, true);
    assert.strictEqual(out.none, null);
    assert.strictEqual(out.key, REDACTED);
    assert.strictEqual(out.Token, REDACTED);
    assert.strictEqual(out.credentials, REDACTED);
    assert.deepStrictEqual(out.values, { 'BSH.Common.Status.DoorState': 'Open' });
    assert.ok(!JSON.stringify(out).includes(key.toString('hex')));
  });

  it('secretsOf decodes a record key and iv', function () {
    const s = secretsOf(demoWasher);
    assert.strictEqual(s.length, 2);
    assert.strictEqual(s[0].length, 32);
    assert.strictEqual(s[1].length, 16);
    assert.deepStrictEqual(secretsOf({}), []);
  });
});

describe('admin: login store and info', function () {
  it('keeps requests by random id until removed or 15 minutes old', function () {
    let now = 1_000_000;
    const store = new LoginStore(15 * 60_000, () => now);
    const req = { ...createLoginRequest('EU', {}), createdAt: now };
    const id = store.add(req);
    assert.notStrictEqual(store.add({ ...req }), id);
    assert.strictEqual(store.peek(id), req);
    assert.strictEqual(store.peek('other'), undefined);
    assert.strictEqual(store.peek(42), undefined);
    now += 15 * 60_000 + 1;
    assert.strictEqual(store.peek(id), undefined, 'expired');
    assert.strictEqual(store.size, 0);
    const id2 = store.add({ ...req, createdAt: now });
    store.delete(id2);
    assert.strictEqual(store.peek(id2), undefined);
  });

  it('withModel names the model from vib or eNumber and keeps an existing one', function () {
    assert.strictEqual(withModel({ vib: 'SMV4', eNumber: 'SMV4/01' }).model, 'SMV4');
    assert.strictEqual(withModel({ eNumber: 'SMV4/01' }).model, 'SMV4/01');
    assert.strictEqual(withModel({ model: 'M', vib: 'V' }).model, 'M');
    assert.deepStrictEqual(withModel(undefined), {});
  });
});
