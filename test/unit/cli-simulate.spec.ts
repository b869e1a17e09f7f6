/** simulate's demo lookup (generic over the demo list) and the address it saves. */
import assert from 'assert';
import { demoNames, findDemo, reachableHost } from '../../src/cli/simulate-command';
import { demoRecords } from '../../src/simulator/demo-profiles';

describe('cli: simulate helpers', () => {
  it('every demo of the demo list is found by its name, case-insensitively, as a fresh copy', () => {
    assert.deepStrictEqual(
      demoNames(),
      demoRecords().map((r) => r.name),
    );
    for (const demo of demoRecords()) {
      const found = findDemo(demo.name.toUpperCase());
      assert.strictEqual(found?.haId, demo.haId);
      found.host = 'changed';
      assert.notStrictEqual(findDemo(demo.name)?.host, 'changed');
    }
    assert.strictEqual(findDemo('toaster'), undefined);
    assert.strictEqual(findDemo('__proto__'), undefined);
  });

  it('the saved host reaches the simulator from this computer', () => {
    assert.strictEqual(reachableHost('wss://127.0.0.1:4443/homeconnect'), '127.0.0.1:4443');
    assert.strictEqual(reachableHost('ws://0.0.0.0:8080/homeconnect'), '127.0.0.1:8080');
    assert.strictEqual(reachableHost('ws://[::]:8080/homeconnect'), '[::1]:8080');
    assert.strictEqual(reachableHost('wss://192.168.1.9:443/homeconnect'), '192.168.1.9:443');
    assert.strictEqual(reachableHost('ws://192.168.1.9/homeconnect'), '192.168.1.9:80');
  });
});
