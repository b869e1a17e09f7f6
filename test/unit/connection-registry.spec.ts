import assert from 'assert';
import { EventEmitter } from 'events';
import { ConnectionRegistry, type ConnectionUser } from '../../nodes/connection-registry';
import { HomeConnectError } from '../../src/errors';
import { profileFromRecord } from '../../src/profile';
import type { ApplianceClient, StateChange, ValueChange } from '../../src/protocol/types';
import { demoDishwasher } from '../../src/simulator/demo-profiles';

/** Just what the registry touches of a client: start/stop and the state/values events. */
class FakeClient extends EventEmitter {
  started = 0;
  stopped = 0;
  failStop = false;
  start(): void {
    this.started++;
  }
  async stop(): Promise<void> {
    this.stopped++;
    if (this.failStop) throw new Error('socket already gone');
  }
}

const profile = profileFromRecord(demoDishwasher);

function setup() {
  const clients = new Map<string, FakeClient>();
  const debug: string[] = [];
  const registry = new ConnectionRegistry(
    (haId) => {
      if (haId === 'missing') throw new HomeConnectError('validation', 'no such appliance', { details: { problem: 'no-appliance' } });
      const client = new FakeClient();
      clients.set(haId, client);
      return { name: `name of ${haId}`, client: client as unknown as ApplianceClient, profile };
    },
    (m) => debug.push(m),
  );
  return { registry, clients, debug };
}

function user(log: string[], name: string, opts: { throws?: boolean } = {}): ConnectionUser {
  return {
    node: { warn: (m: string) => log.push(`${name} warned: ${m}`) },
    connectionChanged(change: StateChange) {
      if (opts.throws) throw new Error('user bug');
      log.push(`${name} state ${change.state}`);
    },
    valuesChanged(changes: ValueChange[]) {
      log.push(`${name} values ${changes.length}`);
    },
  };
}

describe('connection registry (nodes/connection-registry)', () => {
  it('opens and starts one connection per appliance for its first user and shares it', () => {
    const { registry, clients } = setup();
    const log: string[] = [];
    const a = registry.register(user(log, 'a'), 'HA1');
    const b = registry.register(user(log, 'b'), 'HA1');
    assert.strictEqual(a, b);
    assert.strictEqual(a.name, 'name of HA1');
    assert.strictEqual(clients.get('HA1')!.started, 1);
    registry.register(user(log, 'c'), 'HA2');
    assert.deepStrictEqual(registry.ids(), ['HA1', 'HA2']);
    assert.strictEqual(registry.get('HA2')?.haId, 'HA2');
    assert.strictEqual(registry.get('HA3'), undefined);
  });

  it('passes on why an appliance cannot be used, and opens nothing', () => {
    const { registry } = setup();
    assert.throws(() => registry.register(user([], 'a'), 'missing'), /no such appliance/);
    assert.deepStrictEqual(registry.ids(), []);
  });

  it('fans state and values out to every user; a throwing user is warned and the others still hear', () => {
    const { registry, clients } = setup();
    const log: string[] = [];
    registry.register(user(log, 'bad', { throws: true }), 'HA1');
    registry.register(user(log, 'good'), 'HA1');
    clients.get('HA1')!.emit('state', { state: 'connected', at: 0 });
    clients.get('HA1')!.emit('values', [{}, {}]);
    assert.deepStrictEqual(log, [
      'bad warned: Internal error while handling an appliance update: user bug',
      'good state connected',
      'bad values 2',
      'good values 2',
    ]);
  });

  it('the last user out closes at once when removed; otherwise the sweep after a deploy closes it', async () => {
    const { registry, clients } = setup();
    const a = user([], 'a');
    const b = user([], 'b');
    registry.register(a, 'HA1');
    registry.register(b, 'HA1');
    await registry.deregister(a, 'HA1', true);
    assert.strictEqual(clients.get('HA1')!.stopped, 0, 'b still uses it');
    await registry.deregister(b, 'HA1', false);
    assert.deepStrictEqual(registry.ids(), ['HA1'], 'a restart may bring b back');
    registry.sweep();
    assert.deepStrictEqual(registry.ids(), []);
    assert.strictEqual(clients.get('HA1')!.stopped, 1);
    assert.strictEqual(clients.get('HA1')!.listenerCount('state'), 0, 'listeners removed');

    const c = user([], 'c');
    registry.register(c, 'HA2');
    await registry.deregister(c, 'HA2', true);
    assert.strictEqual(clients.get('HA2')!.stopped, 1);
    await registry.deregister(c, 'HA2', true); // twice, or for an unknown appliance: nothing happens
    await registry.deregister(c, 'nope', true);
  });

  it('closeAll stops every connection; a failing stop is noted, not thrown', async () => {
    const { registry, clients, debug } = setup();
    registry.register(user([], 'a'), 'HA1');
    registry.register(user([], 'b'), 'HA2');
    clients.get('HA2')!.failStop = true;
    await registry.closeAll();
    assert.deepStrictEqual(registry.ids(), []);
    assert.deepStrictEqual(
      [...clients.values()].map((c) => c.stopped),
      [1, 1],
    );
    assert.deepStrictEqual(debug, ['Closing name of HA2 failed: socket already gone']);
  });
});
