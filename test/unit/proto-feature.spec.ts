/** A feature named `__proto__` is data like any other: it must not vanish from snapshot, state payload or views. */
import * as assert from 'assert';
import { stateMessage } from '../../nodes/message-builder';
import { buildLiveView } from '../../nodes/admin/live-view';
import { redactSecrets } from '../../src/protocol/redact';
import { demoDishwasher } from '../../src/simulator/demo-profiles';
import { harness, waitState, type Harness } from '../support/fake-transport';

const DOOR = 527;
const own = (o: unknown, k: string) => Object.prototype.hasOwnProperty.call(o, k);

describe('a feature named __proto__', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.conn.stop();
    h = undefined;
  });

  it('is kept in the snapshot, the state payload, the live view and diagnostics copies', async () => {
    const record = {
      ...demoDishwasher,
      featureMapping: demoDishwasher.featureMapping!.replace('>BSH.Common.Status.DoorState<', '>__proto__<'),
    };
    h = harness([{ values: [{ uid: DOOR, value: 0 }] }], {}, record);
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    const snapshot = h.conn.snapshot();
    assert.ok(own(snapshot, '__proto__'), 'snapshot');
    assert.strictEqual(Object.getPrototypeOf(snapshot), Object.prototype, 'the prototype is untouched');
    assert.strictEqual(JSON.stringify(snapshot), '{"__proto__":"Open"}');

    const msg = stateMessage({ haId: record.haId, name: 'dw' }, snapshot, () => true);
    assert.ok(own(msg.payload, '__proto__'), 'state payload');
    assert.strictEqual(JSON.stringify(msg.payload), '{"__proto__":"Open"}');

    const view = buildLiveView(h.conn, h.conn.profile as never);
    assert.ok(own(view.features, '__proto__'), 'live view features');
    assert.ok(own(view.values, '__proto__'), 'live view values');

    assert.ok(own(redactSecrets(snapshot, []), '__proto__'), 'diagnostics copy');
  });
});
