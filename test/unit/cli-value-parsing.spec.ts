import assert from 'assert';
import { UsageError } from '../../src/cli/args';
import { parseAssignment, parseAssignments, parseProgramRef, parseRawRequest, parseValue } from '../../src/cli/value-parsing';

describe('cli VALUE parsing', () => {
  it('reads booleans, numbers, JSON and plain words', () => {
    assert.strictEqual(parseValue('true'), true);
    assert.strictEqual(parseValue('false'), false);
    assert.strictEqual(parseValue('42'), 42);
    assert.strictEqual(parseValue('-3.5'), -3.5);
    assert.strictEqual(parseValue('1e3'), 1000);
    assert.strictEqual(parseValue(' 7 '), 7);
    assert.deepStrictEqual(parseValue('{"a":[1,2]}'), { a: [1, 2] });
    assert.deepStrictEqual(parseValue('[1,"x"]'), [1, 'x']);
    assert.strictEqual(parseValue('"42"'), '42');
    assert.strictEqual(parseValue('null'), null);
    assert.strictEqual(parseValue('On'), 'On');
    assert.strictEqual(parseValue('BSH.Common.EnumType.PowerState.Standby'), 'BSH.Common.EnumType.PowerState.Standby');
    assert.strictEqual(parseValue('True'), 'True');
    assert.strictEqual(parseValue('0x10'), '0x10');
    assert.strictEqual(parseValue('Infinity'), 'Infinity');
  });

  it('refuses broken JSON instead of sending it as a string', () => {
    assert.throws(
      () => parseValue('{"a":'),
      (e: unknown) => e instanceof UsageError && /not valid JSON/.test(e.message),
    );
  });

  it('splits KEY=VALUE at the first "="', () => {
    assert.deepStrictEqual(parseAssignment('Name=a=b', 'set'), { key: 'Name', value: 'a=b' });
    assert.deepStrictEqual(parseAssignment(' PowerState = On', 'set'), { key: 'PowerState', value: 'On' });
    assert.throws(() => parseAssignment('=1', 'set'), /a key before "="/);
    assert.throws(() => parseAssignment('A=', 'option'), /--option A= needs a value/);
    assert.deepStrictEqual(parseAssignments(['A=1', 'B=x'], 'option'), { A: 1, B: 'x' });
  });

  it('reads program references as uid or key', () => {
    assert.strictEqual(parseProgramRef('8196'), 8196);
    assert.strictEqual(parseProgramRef('Eco50'), 'Eco50');
  });

  it('reads raw requests', () => {
    assert.deepStrictEqual(parseRawRequest('{"resource":"/ro/values","action":"POST","data":{"uid":539,"value":2}}'), {
      resource: '/ro/values',
      action: 'POST',
      data: [{ uid: 539, value: 2 }],
    });
    assert.deepStrictEqual(parseRawRequest('{"resource":"/ci/info"}'), { resource: '/ci/info', action: 'GET' });
    assert.throws(() => parseRawRequest('nope'), UsageError);
    assert.throws(() => parseRawRequest('[]'), UsageError);
    assert.throws(() => parseRawRequest('{"resource":"ro/values"}'), /resource/);
    assert.throws(() => parseRawRequest('{"resource":"/ro/values","action":"PUT"}'), /GET, POST or NOTIFY/);
  });
});
