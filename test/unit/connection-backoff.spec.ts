import * as assert from 'assert';
import * as fc from 'fast-check';
import { Backoff, backoffDelay } from '../../src/protocol/backoff';
import { MAX_TRAFFIC_TEXT, TrafficLog, redact, redactText } from '../../src/protocol/traffic-log';

describe('backoff', () => {
  const opts = { minMs: 1000, maxMs: 300_000 };

  it('stays within [min, max] for every attempt and random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 5000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const d = backoffDelay(n, { ...opts, random: () => r });
        return d >= 1000 && d <= 300_000 && Number.isInteger(d);
      }),
    );
  });

  it('grows exponentially then saturates at max', () => {
    const mid = (n: number): number => backoffDelay(n, { ...opts, random: () => 0.5 });
    assert.deepStrictEqual([0, 1, 2, 3, 4].map(mid), [1000, 2000, 4000, 8000, 16000]);
    assert.strictEqual(mid(30), 300_000);
    assert.strictEqual(mid(5000), 300_000);
  });

  it('jitters by ±25 % around the exponential base', () => {
    assert.strictEqual(backoffDelay(3, { ...opts, random: () => 0 }), 6000);
    assert.strictEqual(backoffDelay(3, { ...opts, random: () => 0.999999 }), 10000);
    assert.strictEqual(backoffDelay(0, { ...opts, random: () => 0 }), 1000, 'never below min');
  });

  it('Backoff.next() counts attempts, reset() starts over', () => {
    const b = new Backoff({ minMs: 10, maxMs: 1000, random: () => 0.5 });
    assert.deepStrictEqual([b.next(), b.next(), b.next()], [10, 20, 40]);
    assert.strictEqual(b.attempts, 3);
    b.reset();
    assert.strictEqual(b.next(), 10);
  });

  it('survives nonsense input', () => {
    assert.strictEqual(backoffDelay(NaN, { minMs: 5, maxMs: 1, random: () => NaN }), 5);
  });
});

describe('traffic log', () => {
  it('keeps the last N entries, oldest first', () => {
    let now = 0;
    const log = new TrafficLog(3, () => ++now);
    for (let i = 0; i < 5; i++) log.record(i % 2 ? 'in' : 'out', { i });
    assert.deepStrictEqual(log.entries(), [
      { at: 3, direction: 'out', message: { i: 2 } },
      { at: 4, direction: 'in', message: { i: 3 } },
      { at: 5, direction: 'out', message: { i: 4 } },
    ]);
    assert.strictEqual(log.size, 3);
    log.clear();
    assert.deepStrictEqual(log.entries(), []);
  });

  it('redacts secret-looking fields and copies the message', () => {
    const msg = { resource: '/ci/authentication', data: [{ nonce: 'abc', other: 1 }], key: 'k' };
    const log = new TrafficLog(10);
    log.record('out', msg);
    msg.data[0].other = 2;
    assert.deepStrictEqual(log.entries()[0].message, {
      resource: '/ci/authentication',
      data: [{ nonce: '[redacted]', other: 1 }],
      key: '[redacted]',
    });
    assert.deepStrictEqual(redact({ Password: 'x', list: [{ IV: 1 }] }), { Password: '[redacted]', list: [{ IV: '[redacted]' }] });
  });
});

describe('traffic log: inbound NOTIFY / POST redacted on read', () => {
  it('keeps 100 entries by default', () => {
    const log = new TrafficLog();
    for (let i = 0; i < 250; i++) log.record('in', { action: 'NOTIFY', resource: '/ro/values', data: [{ uid: i }] });
    const entries = log.entries();
    assert.strictEqual(log.capacity, 100);
    assert.strictEqual(entries.length, 100);
    assert.deepStrictEqual(entries[0].message, { action: 'NOTIFY', resource: '/ro/values', data: [{ uid: 150 }] });
    assert.deepStrictEqual(entries[99].message, { action: 'NOTIFY', resource: '/ro/values', data: [{ uid: 249 }] });
  });

  it('stores an inbound NOTIFY/POST as is and redacts a fresh copy on every read', () => {
    const notify = { action: 'NOTIFY', resource: '/ro/values', data: [{ uid: 1, token: 't0k3n' }] };
    const post = { action: 'POST', resource: '/ei/initialValues', data: [{ edMsgID: 4, Secret: 's' }] };
    const response = { action: 'RESPONSE', resource: '/ci/authentication', data: [{ response: 'r' }] };
    const log = new TrafficLog(10, () => 7);
    log.record('in', notify);
    log.record('in', post);
    log.record('in', response);
    response.data[0].response = 'changed';
    const first = log.entries();
    assert.deepStrictEqual(first, [
      { at: 7, direction: 'in', message: { action: 'NOTIFY', resource: '/ro/values', data: [{ uid: 1, token: '[redacted]' }] } },
      { at: 7, direction: 'in', message: { action: 'POST', resource: '/ei/initialValues', data: [{ edMsgID: 4, Secret: '[redacted]' }] } },
      { at: 7, direction: 'in', message: { action: 'RESPONSE', resource: '/ci/authentication', data: [{ response: '[redacted]' }] } },
    ]);
    assert.notStrictEqual(first[0].message, notify, 'a reader never gets the stored object');
    ((first[0].message as typeof notify).data[0] as { uid: number }).uid = 99;
    assert.deepStrictEqual((log.entries()[0].message as typeof notify).data[0], { uid: 1, token: '[redacted]' });
    assert.strictEqual(notify.data[0].token, 't0k3n', 'the recorded message itself is not changed');
  });
});

describe('traffic log: bounded in bytes', () => {
  it('keeps a truncated text copy of a big frame, never the parsed message', () => {
    const log = new TrafficLog(100);
    const big = { action: 'NOTIFY', resource: '/ro/values', data: new Array(300_000).fill({}) };
    const text = JSON.stringify(big);
    for (let i = 0; i < 150; i++) log.record('in', big, text);
    assert.ok(log.textLength <= 100 * MAX_TRAFFIC_TEXT, `${log.textLength} characters held`);
    const e = log.entries()[0].message as { truncated: boolean; length: number; text: string };
    assert.deepStrictEqual([e.truncated, e.length, e.text.length], [true, text.length, MAX_TRAFFIC_TEXT]);
  });

  it('redacts secret fields in truncated text, even one cut off mid-value', () => {
    const log = new TrafficLog(10);
    const text = JSON.stringify({
      resource: '/ci/authentication',
      data: [{ nonce: 'n0nce', key: 'abc', pad: 'x'.repeat(MAX_TRAFFIC_TEXT) }],
    });
    log.record('out', undefined, text);
    const e = log.entries()[0].message as { text: string };
    assert.ok(!e.text.includes('n0nce') && !e.text.includes('abc'), e.text.slice(0, 120));
    assert.strictEqual(redactText('{"token":"abcdef'), '{"token":"[redacted]"');
    assert.strictEqual(redactText('{"IV": 12, "x": "iv"}'), '{"IV": "[redacted]", "x": "iv"}');
  });

  it('keeps a field named __proto__ as data when reading', () => {
    const log = new TrafficLog(10);
    log.record('in', undefined, '{"data":[{"__proto__":{"polluted":1}}]}');
    const item = (log.entries()[0].message as { data: Array<Record<string, unknown>> }).data[0];
    assert.ok(Object.prototype.hasOwnProperty.call(item, '__proto__'));
    assert.strictEqual((item as { polluted?: unknown }).polluted, undefined);
  });
});
