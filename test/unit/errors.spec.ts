import * as assert from 'assert';
import { HomeConnectError, errorMessage, isHomeConnectError } from '../../src/errors';

describe('HomeConnectError', () => {
  it('carries kind, code and code name', () => {
    const e = new HomeConnectError('appliance-error', 'refused', { code: 531, codeName: 'BSH.Common.Error.ValueOutOfRange' });
    assert.strictEqual(e.kind, 'appliance-error');
    assert.strictEqual(e.code, 531);
    assert.strictEqual(e.codeName, 'BSH.Common.Error.ValueOutOfRange');
    assert.ok(isHomeConnectError(e));
    assert.ok(!isHomeConnectError(new Error('x')));
    assert.strictEqual(errorMessage(e), 'refused');
    assert.strictEqual(errorMessage('plain'), 'plain');
  });
});
