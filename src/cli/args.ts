/**
 * Command-line parsing for homeconnect-local. Each command declares its flags; anything
 * else is a UsageError (exit code 2). Kept dependency-free and strict so a typo never
 * silently turns into a different write on an appliance.
 */

import { START_PATHS } from '../appliance/start-path-memory';
import { QUIRK_NAMES } from '../simulator/quirks';

/** A mistake in how the command was called: exit code 2, one line on stderr. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type CommandName = 'simulate' | 'watch' | 'send' | 'login' | 'plan' | 'discover';

export const COMMANDS: readonly CommandName[] = ['simulate', 'watch', 'send', 'login', 'plan', 'discover'];

interface FlagSpec {
  /** none: a switch; required: takes the next word; optional: takes the next word unless it is a flag. */
  value: 'none' | 'required' | 'optional';
  repeat?: boolean;
  choices?: readonly string[];
  /** Choices are compared case-insensitively and stored as written in `choices`. */
  ignoreCase?: boolean;
}

const PROFILE_FLAGS: Record<string, FlagSpec> = {
  appliance: { value: 'required' },
  host: { value: 'required' },
};

const SPECS: Record<CommandName, { flags: Record<string, FlagSpec>; maxPositionals: number }> = {
  simulate: {
    maxPositionals: 1,
    flags: {
      appliance: { value: 'required' },
      transport: { value: 'required', choices: ['tls', 'aes'], ignoreCase: true },
      bind: { value: 'required' },
      port: { value: 'required' },
      services: { value: 'required', choices: ['iz', 'ci2', 'legacy'], ignoreCase: true },
      // Checked against the demo list by the simulate command, which loads it.
      demo: { value: 'required' },
      'time-scale': { value: 'required' },
      'save-profile': { value: 'required' },
      advertise: { value: 'none' },
      quirk: { value: 'required', repeat: true, choices: Object.keys(QUIRK_NAMES), ignoreCase: true },
    },
  },
  watch: {
    maxPositionals: 1,
    flags: { ...PROFILE_FLAGS, raw: { value: 'none' } },
  },
  send: {
    maxPositionals: 1,
    flags: {
      ...PROFILE_FLAGS,
      set: { value: 'required', repeat: true },
      select: { value: 'required' },
      start: { value: 'optional' },
      option: { value: 'required', repeat: true },
      'start-at': { value: 'required' },
      'finish-at': { value: 'required' },
      stop: { value: 'none' },
      pause: { value: 'none' },
      resume: { value: 'none' },
      command: { value: 'required' },
      raw: { value: 'required' },
      'start-in': { value: 'required' },
      'finish-in': { value: 'required' },
      'allow-dangerous': { value: 'none' },
      'start-path': { value: 'required', choices: START_PATHS },
      timeout: { value: 'required' },
    },
  },
  plan: {
    maxPositionals: 0,
    flags: {
      prices: { value: 'required' },
      duration: { value: 'required' },
      deadline: { value: 'required' },
      now: { value: 'required' },
      objective: { value: 'required', choices: ['cheapest', 'solar'], ignoreCase: true },
      step: { value: 'required' },
    },
  },
  discover: {
    maxPositionals: 0,
    flags: {
      timeout: { value: 'required' },
      interface: { value: 'required' },
    },
  },
  login: {
    maxPositionals: 0,
    flags: {
      region: { value: 'required', choices: ['EU', 'NA', 'CN'], ignoreCase: true },
      out: { value: 'required' },
    },
  },
};

export interface ParsedCommand {
  command: CommandName;
  positionals: string[];
  /** Flag name (without dashes) → values in order; switches hold [''] and optional flags without a value ['']. */
  flags: Map<string, string[]>;
  help: boolean;
}

export type ParsedArgs = { kind: 'help'; command?: CommandName } | { kind: 'command'; parsed: ParsedCommand };

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

/** Anything starting with `--` (or a lone `-h`) is a flag; `-5` or `-` stay values. */
function looksLikeFlag(word: string): boolean {
  return word.startsWith('--') || word === '-h';
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) return { kind: 'help' };
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    return topic !== undefined && isCommand(topic) ? { kind: 'help', command: topic } : { kind: 'help' };
  }
  if (first === undefined || !isCommand(first)) {
    const shown = first !== undefined && first.startsWith('-') ? `option ${first}` : `command "${first}"`;
    throw new UsageError(`unknown ${shown}; the commands are ${COMMANDS.join(', ')} (see --help)`);
  }
  const command = first;
  const spec = SPECS[command];
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  let help = false;
  let onlyPositionals = false;

  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (onlyPositionals || !looksLikeFlag(word)) {
      positionals.push(word);
      continue;
    }
    if (word === '--') {
      onlyPositionals = true;
      continue;
    }
    if (word === '--help' || word === '-h') {
      help = true;
      continue;
    }
    const eq = word.indexOf('=');
    const name = word.slice(2, eq >= 0 ? eq : undefined);
    const flag = spec.flags[name];
    if (!flag) throw new UsageError(`${command} does not take --${name} (see homeconnect-local ${command} --help)`);
    let value: string;
    if (flag.value === 'none') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      value = '';
    } else if (eq >= 0) {
      value = word.slice(eq + 1);
    } else {
      const next = rest[i + 1];
      if (next !== undefined && !looksLikeFlag(next)) {
        value = next;
        i++;
      } else if (flag.value === 'optional') {
        value = '';
      } else {
        throw new UsageError(`--${name} needs a value`);
      }
    }
    if (flag.value === 'required' && value === '') throw new UsageError(`--${name} needs a value`);
    if (flag.choices && value !== '') {
      const match = flag.choices.find((c) => (flag.ignoreCase ? c.toLowerCase() === value.toLowerCase() : c === value));
      if (match === undefined) throw new UsageError(`--${name} must be one of ${flag.choices.join(', ')}`);
      value = match;
    }
    const list = flags.get(name);
    if (list && !flag.repeat) throw new UsageError(`--${name} was given more than once`);
    if (list) list.push(value);
    else flags.set(name, [value]);
  }
  if (!help && positionals.length > spec.maxPositionals) {
    const extra = positionals[spec.maxPositionals];
    throw new UsageError(
      spec.maxPositionals === 0
        ? `${command} takes no file argument (got "${extra}")`
        : `unexpected argument "${extra}"; ${command} takes one profile file or folder`,
    );
  }
  return { kind: 'command', parsed: { command, positionals, flags, help } };
}

/** The single value of a flag, or undefined when absent. */
export function flagValue(parsed: ParsedCommand, name: string): string | undefined {
  return parsed.flags.get(name)?.[0];
}

export function hasFlag(parsed: ParsedCommand, name: string): boolean {
  return parsed.flags.has(name);
}

/** A whole number in [min, max] from a flag, or a UsageError naming the flag. */
export function integerFlag(parsed: ParsedCommand, name: string, min: number, max: number): number | undefined {
  const text = flagValue(parsed, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

/** A number greater than 0 and at most max (fractions allowed), or a UsageError naming the flag. */
export function numberFlag(parsed: ParsedCommand, name: string, max: number): number | undefined {
  const text = flagValue(parsed, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0) || n > max) {
    throw new UsageError(`--${name} must be a number greater than 0 (at most ${max})`);
  }
  return n;
}

/** Seconds (may be fractional, > 0) from a flag, as milliseconds. */
export function secondsFlag(parsed: ParsedCommand, name: string): number | undefined {
  const text = flagValue(parsed, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0) || n > 3600) {
    throw new UsageError(`--${name} must be a number of seconds greater than 0 (at most 3600)`);
  }
  return Math.round(n * 1000);
}

/** The one profile argument of watch/send/simulate. */
export function profileArgument(parsed: ParsedCommand): string {
  const p = parsed.positionals[0];
  if (p === undefined || p === '') {
    throw new UsageError(`${parsed.command} needs a profile: a profile ZIP, a folder of them, an hcpy devices.json or a records JSON file`);
  }
  return p;
}
