import assert from 'assert';
import { parseHost } from '../../src/protocol/host-address';
import { HomeConnectError } from '../../src/errors';

describe('parseHost', () => {
  const ok: Array<[string, number, string, number, string]> = [
    ['192.168.1.20', 80, '192.168.1.20', 80, '192.168.1.20:80'],
    ['  192.168.1.20:8443 ', 443, '192.168.1.20', 8443, '192.168.1.20:8443'],
    ['name.local', 443, 'name.local', 443, 'name.local:443'],
    ['bosch-wal28rh0it-68a40e58a882.local.', 443, 'bosch-wal28rh0it-68a40e58a882.local.', 443, 'bosch-wal28rh0it-68a40e58a882.local.:443'],
    ['NEFF-Dishwasher-013110426187000262', 443, 'NEFF-Dishwasher-013110426187000262', 443, 'NEFF-Dishwasher-013110426187000262:443'],
    ['localhost:1', 80, 'localhost', 1, 'localhost:1'],
    ['[fe80::1]', 443, 'fe80::1', 443, '[fe80::1]:443'],
    ['[fe80::1]:80', 443, 'fe80::1', 80, '[fe80::1]:80'],
    ['fe80::1', 80, 'fe80::1', 80, '[fe80::1]:80'],
    ['::1', 443, '::1', 443, '[::1]:443'],
    ['2001:db8::8a2e:370:7334', 80, '2001:db8::8a2e:370:7334', 80, '[2001:db8::8a2e:370:7334]:80'],
    ['[::ffff:192.168.1.2]:65535', 80, '::ffff:192.168.1.2', 65535, '[::ffff:192.168.1.2]:65535'],
    ['fe80::1%eth0', 80, 'fe80::1%eth0', 80, '[fe80::1%eth0]:80'],
    // A bare haId (AES default host): too long to be read as a 32-bit address.
    ['013110426187000262', 80, '013110426187000262', 80, '013110426187000262:80'],
  ];
  for (const [input, def, hostname, port, authority] of ok) {
    it(`accepts ${JSON.stringify(input)}`, () => {
      assert.deepStrictEqual(parseHost(input, def), { hostname, port, authority });
    });
  }

  const bad = [
    '',
    '   ',
    ':80',
    '192.168.1.20:',
    '192.168.1.20:0',
    '192.168.1.20:65536',
    '192.168.1.20:80a',
    '1.2.3.4:5:6',
    '[fe80::1',
    'fe80::1]',
    '[fe80::1]:',
    '[fe80::1]x',
    '[192.168.1.1]',
    '[[::1]]',
    'http://192.168.1.20',
    '192.168.1.20/homeconnect',
    '999.1.1.1',
    '1.2.3',
    '3232235777',
    'evil.example:443/../x?y',
    '--013110426187000262',
    'name with space',
    '-bad.local',
    'a..b',
    'ünïcode.local',
    'x'.repeat(300),
  ];
  for (const input of bad) {
    it(`rejects ${JSON.stringify(input.length > 30 ? input.slice(0, 30) + '…' : input)} with a validation error`, () => {
      assert.throws(
        () => parseHost(input, 80),
        (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation' && e.message.length < 250,
      );
    });
  }

  it('rejects non-strings without crashing', () => {
    assert.throws(
      () => parseHost(undefined as unknown as string, 80),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation',
    );
  });
});
