import * as assert from 'assert';
import { inspect } from 'util';
import { rawValueUid } from '../../src/protocol/program-command';

describe('rawValueUid (allowDangerous guard for raw /ro/values)', () => {
  it('normalises numbers and numeric strings with Number()', () => {
    for (const [input, want] of [
      [553, 553],
      ['553', 553],
      [' 553 ', 553],
      ['0x229', 553],
      ['5.53e2', 553],
      [553.0, 553],
      ['1', 1],
      ['1.0', 1],
      [0, 0],
    ] as Array<[unknown, number]>) {
      assert.strictEqual(rawValueUid(input), want, JSON.stringify(input));
    }
  });

  it('refuses non-integers, non-numeric strings and other types', () => {
    for (const input of [
      553.0000001,
      '553.0000001',
      'abc',
      '',
      '  ',
      NaN,
      Infinity,
      -1,
      1e21,
      true,
      null,
      undefined,
      [553],
      { uid: 553 },
      2 ** 53,
    ]) {
      assert.strictEqual(rawValueUid(input), undefined, inspect(input));
    }
  });
});
