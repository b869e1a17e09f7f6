import assert from 'assert';
import { UsageError, flagValue, integerFlag, numberFlag, parseArgs, secondsFlag, type ParsedCommand } from '../../src/cli/args';
import { sendActionFromFlags } from '../../src/cli/send-command';

function command(argv: string[]): ParsedCommand {
  const args = parseArgs(argv);
  assert.strictEqual(args.kind, 'command');
  return (args as { parsed: ParsedCommand }).parsed;
}

function usageError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof UsageError && pattern.test(e.message));
}

describe('cli argument parsing', () => {
  it('treats no arguments, --help, -h and help <command> as help', () => {
    assert.deepStrictEqual(parseArgs([]), { kind: 'help' });
    assert.deepStrictEqual(parseArgs(['--help']), { kind: 'help' });
    assert.deepStrictEqual(parseArgs(['-h']), { kind: 'help' });
    assert.deepStrictEqual(parseArgs(['help', 'send']), { kind: 'help', command: 'send' });
    assert.strictEqual(command(['watch', '--help']).help, true);
  });

  it('rejects unknown commands and flags with a usage error', () => {
    usageError(() => parseArgs(['frobnicate']), /unknown command "frobnicate"/);
    usageError(() => parseArgs(['--verbose']), /unknown option --verbose/);
    usageError(() => parseArgs(['watch', 'p.zip', '--set', 'a=1']), /watch does not take --set/);
    usageError(() => parseArgs(['login', '--host', 'x']), /login does not take --host/);
  });

  it('reads flag values separated by a space or by "="', () => {
    const p = command(['watch', 'p.zip', '--appliance', 'Dishwasher', '--host=10.0.0.5:443', '--raw']);
    assert.deepStrictEqual(p.positionals, ['p.zip']);
    assert.strictEqual(flagValue(p, 'appliance'), 'Dishwasher');
    assert.strictEqual(flagValue(p, 'host'), '10.0.0.5:443');
    assert.strictEqual(flagValue(p, 'raw'), '');
  });

  it('requires values and refuses them on switches', () => {
    usageError(() => parseArgs(['watch', 'p.zip', '--host']), /--host needs a value/);
    usageError(() => parseArgs(['watch', 'p.zip', '--host', '--raw']), /--host needs a value/);
    usageError(() => parseArgs(['watch', 'p.zip', '--raw=yes']), /--raw takes no value/);
    usageError(() => parseArgs(['send', 'p.zip', '--set=']), /--set needs a value/);
  });

  it('collects repeatable flags in order and refuses repeated single flags', () => {
    const p = command(['send', 'p.zip', '--set', 'A=1', '--set', 'B=Off']);
    assert.deepStrictEqual(p.flags.get('set'), ['A=1', 'B=Off']);
    usageError(() => parseArgs(['send', 'p.zip', '--select', 'X', '--select', 'Y']), /--select was given more than once/);
  });

  it('lets --start take an optional program', () => {
    assert.strictEqual(flagValue(command(['send', 'p.zip', '--start']), 'start'), '');
    assert.strictEqual(flagValue(command(['send', 'p.zip', '--start', '--option', 'a=1']), 'start'), '');
    assert.strictEqual(flagValue(command(['send', 'p.zip', '--start', 'Eco50']), 'start'), 'Eco50');
  });

  it('checks choices case-insensitively and stores the canonical spelling', () => {
    assert.strictEqual(flagValue(command(['simulate', '--demo', 'Washer', '--transport', 'AES']), 'transport'), 'aes');
    assert.strictEqual(flagValue(command(['login', '--region', 'na']), 'region'), 'NA');
    usageError(() => parseArgs(['login', '--region', 'RU']), /--region must be one of EU, NA, CN/);
    usageError(() => parseArgs(['simulate', '--demo', 'washer', '--services', 'ci9']), /--services must be one of iz, ci2, legacy/);
  });

  it('refuses extra positional arguments', () => {
    usageError(() => parseArgs(['watch', 'a.zip', 'b.zip']), /unexpected argument "b.zip"/);
    usageError(() => parseArgs(['login', 'x']), /login takes no file argument/);
    assert.deepStrictEqual(command(['watch', '--', '--odd-name.zip']).positionals, ['--odd-name.zip']);
  });

  it('validates numeric flags', () => {
    assert.strictEqual(integerFlag(command(['simulate', '--demo', 'washer', '--port', '8080']), 'port', 0, 65535), 8080);
    usageError(() => integerFlag(command(['simulate', '--port', '70000']), 'port', 0, 65535), /--port must be a whole number/);
    usageError(() => integerFlag(command(['simulate', '--port', '12a']), 'port', 0, 65535), /--port/);
    assert.strictEqual(secondsFlag(command(['send', 'p', '--stop', '--timeout', '2.5']), 'timeout'), 2500);
    usageError(() => secondsFlag(command(['send', 'p', '--stop', '--timeout', '0']), 'timeout'), /--timeout/);
    assert.strictEqual(numberFlag(command(['simulate', '--demo', 'washer', '--time-scale', '2.5']), 'time-scale', 10000), 2.5);
    for (const bad of ['0', '-3', 'fast', '1e3', '20000']) {
      usageError(
        () => numberFlag(command(['simulate', '--time-scale', bad]), 'time-scale', 10000),
        /--time-scale must be a number greater than 0 \(at most 10000\)/,
      );
    }
  });
});

describe('cli send actions', () => {
  const action = (argv: string[]): unknown => sendActionFromFlags(command(['send', 'p.zip', ...argv]));

  it('builds each action as a command of the shared model', () => {
    assert.deepStrictEqual(action(['--set', 'PowerState=On', '--set', '539=true', '--set', 'Brightness=40']), {
      action: 'set',
      command: { type: 'values', values: { PowerState: 'On', '539': true, Brightness: 40 } },
    });
    assert.deepStrictEqual(action(['--select', 'Dishcare.Dishwasher.Program.Eco50']), {
      action: 'select',
      command: { type: 'program', action: 'select', program: 'Dishcare.Dishwasher.Program.Eco50' },
    });
    assert.deepStrictEqual(action(['--start', '8196', '--option', 'StartInRelative=600']), {
      action: 'start',
      command: { type: 'program', action: 'start', program: 8196, options: { StartInRelative: 600 } },
    });
    assert.deepStrictEqual(action(['--start']), { action: 'start', command: { type: 'program', action: 'start' } });
    assert.deepStrictEqual(action(['--start', 'Eco50', '--start-in', '3600']), {
      action: 'start',
      command: { type: 'program', action: 'start', program: 'Eco50', startIn: 3600 },
    });
    assert.deepStrictEqual(action(['--start', '--finish-in', '7200.5']), {
      action: 'start',
      command: { type: 'program', action: 'start', finishIn: 7200.5 },
    });
    assert.deepStrictEqual(action(['--stop']), { action: 'stop', command: { type: 'stop' } });
    assert.deepStrictEqual(action(['--pause']), { action: 'pause', command: { type: 'pause' } });
    assert.deepStrictEqual(action(['--resume']), { action: 'resume', command: { type: 'resume' } });
    assert.deepStrictEqual(action(['--command', 'BSH.Common.Command.AbortProgram']), {
      action: 'command',
      command: { type: 'command', key: 'BSH.Common.Command.AbortProgram' },
    });
    assert.deepStrictEqual(action(['--command', '512=true']), { action: 'command', command: { type: 'command', key: 512, value: true } });
    assert.deepStrictEqual(action(['--raw', '{"resource":"/ro/values","action":"get"}']), {
      action: 'raw',
      command: { type: 'raw', resource: '/ro/values', action: 'GET' },
    });
  });

  it('takes --start-in/--finish-in only with --start, one of them, as seconds', () => {
    usageError(() => action(['--select', 'P', '--start-in', '60']), /--start-in and --finish-in go with --start/);
    usageError(() => action(['--start', 'P', '--start-in', '60', '--finish-in', '60']), /either --start-in or --finish-in/);
    usageError(() => action(['--start', 'P', '--start-in', '-5']), /--start-in must be a number of seconds/);
    usageError(() => action(['--start', 'P', '--finish-in', 'soon']), /--finish-in must be a number of seconds/);
    usageError(
      () => action(['--start', 'P', '--start-in', '60', '--finish-at', '10:00']),
      /give one of --start-in, --finish-in, --start-at or --finish-at, not --start-in and --finish-at/,
    );
    usageError(() => action(['--select', 'P', '--start-at', '10:00']), /--start-at and --finish-at go with --start/);
    assert.deepStrictEqual(action(['--start', 'P', '--finish-at', '10:00']), {
      action: 'start',
      command: { type: 'program', action: 'start', program: 'P', finishAt: '10:00' },
    });
  });

  it('requires exactly one action and options only with select/start', () => {
    usageError(() => action([]), /send needs one action/);
    usageError(() => action(['--stop', '--pause']), /one action at a time, but got --stop and --pause/);
    usageError(() => action(['--set', 'A=1', '--option', 'B=2']), /--option goes with --select or --start/);
    usageError(() => action(['--set', 'A=1', '--set', 'A=2']), /--set A was given twice/);
    usageError(() => action(['--set', 'PowerState']), /--set expects KEY=VALUE/);
  });
});
