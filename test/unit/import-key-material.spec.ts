import * as assert from 'assert';
import { decodeKey, defaultHost, normalizeKey } from '../../src/profile/import';
import { assertImportError, TEST_IV, TEST_KEY } from '../support/fixture-zips';

describe('import: key material', () => {
  const keyBytes = Buffer.alloc(32, 0x11);

  it('decodes base64url without padding, with padding and in the standard alphabet', () => {
    const raw = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 8 + 3)); // contains +/ in std alphabet
    const url = raw.toString('base64url');
    const std = raw.toString('base64');
    assert.ok(/[+/]/.test(std) && std.endsWith('='));
    assert.deepStrictEqual(decodeKey(url, 'key'), raw);
    assert.deepStrictEqual(decodeKey(url + '=', 'key'), raw);
    assert.deepStrictEqual(decodeKey(std, 'key'), raw);
    assert.deepStrictEqual(decodeKey(`  ${url}\n`, 'key'), raw);
    assert.deepStrictEqual(decodeKey(TEST_KEY, 'key'), keyBytes);
    assert.strictEqual(decodeKey(TEST_IV, 'iv').length, 16);
    assert.strictEqual(decodeKey(Buffer.alloc(16, 1).toString('base64'), 'iv').length, 16);
  });

  it('normalizes to base64url without padding', () => {
    const raw = Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i));
    assert.strictEqual(normalizeKey(raw.toString('base64'), 'key'), raw.toString('base64url'));
    assert.ok(!normalizeKey(raw.toString('base64'), 'key').includes('='));
  });

  it('rejects wrong lengths, naming the source and the problem but not the text', () => {
    const short = Buffer.alloc(31, 9).toString('base64url');
    assertImportError(
      () => decodeKey(short, 'key', 'devices.json (dishwasher)'),
      /^devices\.json \(dishwasher\): the key must decode to 32 bytes but decodes to 31\.$/,
      [short],
    );
    assertImportError(() => decodeKey(TEST_KEY, 'iv', 'x.zip'), /x\.zip: the iv must decode to 16 bytes but decodes to 32/);
    assertImportError(() => decodeKey(TEST_IV, 'key'), /^the key must decode to 32 bytes but decodes to 16\.$/);
  });

  it('rejects missing, empty, non-text and non-base64 values', () => {
    assertImportError(() => decodeKey(undefined, 'key', 'a.json'), /a\.json: the key is missing/);
    assertImportError(() => decodeKey('', 'iv', 'a.json'), /a\.json: the iv is empty/);
    assertImportError(() => decodeKey(12345, 'key', 'a.json'), /must be a base64url text, not a number/);
    assertImportError(() => decodeKey({ k: 1 }, 'key', 'a.json'), /not an object/);
    const bad = TEST_KEY.slice(0, 20) + '!*' + TEST_KEY.slice(22);
    assertImportError(() => decodeKey(bad, 'key', 'a.json'), /not base64url text/, [bad]);
  });

  it('builds default hosts: <brand>-<type>-<haId> for TLS, <haId> for AES', () => {
    assert.strictEqual(
      defaultHost({ brand: 'NEFF', type: 'Dishwasher', haId: '013110426187000262', connectionType: 'TLS' }),
      'NEFF-Dishwasher-013110426187000262',
    );
    assert.strictEqual(defaultHost({ brand: 'BOSCH', type: 'Oven', haId: '0123', connectionType: 'AES' }), '0123');
  });
});
