/**
 * Entry point of the `homeconnect-local` command. main() never throws and never prints a
 * stack trace: every failure becomes one `homeconnect-local: <sentence>` line on stderr and
 * an exit code (2 for usage mistakes, 1 for everything else).
 */
import { UsageError, parseArgs, type CommandName, type ParsedCommand } from './args';
import { describeError, printError, PROGRAM, type CliIo } from './output';

const PROFILE_HELP = `<profile> is a profile ZIP, a folder of them, an hcpy devices.json, or a JSON file of records.
  --appliance <name|haId>   pick one appliance when <profile> holds several
  --host <host[:port]>      connect to this address instead of the stored host`;

/** Replaced by the demo names when help is printed (the demo list loads only then). */
const DEMO_NAMES = '{demo names}';

const HELP: Record<CommandName | 'main', string> = {
  main: `Usage: ${PROGRAM} <command> [options]

Talk to Home Connect appliances over the local network.

Commands:
  watch <profile>      print connection changes and every value change as JSON lines
  send <profile> ...   set values, select/start/stop/pause/resume programs, run a command or send a raw request
  simulate <profile>   run a simulated appliance (or a built-in demo: --demo <name>)
  login                log in to the Home Connect cloud once and save profile ZIPs
  plan                 plan the cheapest (or sunniest) start before a deadline from a price file
  discover             find appliances on the network (mDNS) and print their addresses

Run "${PROGRAM} <command> --help" for the options of a command.
`,
  watch: `Usage: ${PROGRAM} watch <profile> [--appliance <name|haId>] [--host <host[:port]>] [--raw]

Connects and prints one JSON object per line until interrupted (Ctrl+C):
  {"event":"<state>","haId":...,"reason":...}         connection changes
  {"haId":...,"key":...,"uid":...,"value":...,"raw":...} the initial state and every change
  --raw   also print every message in and out: {"haId":...,"direction":"in|out","message":...}
<state> is connecting, handshaking, connected, offline, auth-failed, error or disconnected;
the connection retries by itself. A profile, key or host that cannot be used exits 1.

${PROFILE_HELP}
`,
  send: `Usage: ${PROGRAM} send <profile> [--appliance <name|haId>] [--host <host[:port]>] <action>

Actions (exactly one):
  --set KEY=VALUE [--set KEY=VALUE ...]          write settings or other writable values
  --select PROGRAM [--option KEY=VALUE ...]      select a program
  --start [PROGRAM] [--option KEY=VALUE ...]     start a program (the selected one when omitted)
      [--start-in SECONDS | --finish-in SECONDS] delayed start, mapped to the option the program has
      [--start-at TIME | --finish-at TIME]       delayed start at a time: HH:MM (the next such time)
                                                 or an ISO date-time, sent the same way
      [--start-path PATH]                         only this start path, no fallback: direct,
                                                 select-then-start, options-as-values, write-window
  --stop | --pause | --resume                    control the running program
  --command KEY[=VALUE]                          run a command (BSH.Common.Command.*)
  --raw JSON                                     {"resource":"/ro/allMandatoryValues","action":"GET"}

KEY is a full key (BSH.Common.Setting.PowerState), a unique short key (PowerState) or a uid.
PROGRAM is a program key, a unique short key, a uid or a favourite's name.
VALUE is an enum member name, a number, true/false, or JSON.
  --allow-dangerous     send commands that reset the appliance or cut its network, and raw
                        writes outside /ro/values, /ro/activeProgram, /ro/selectedProgram
  --timeout <seconds>   how long to wait for the connection (default 20)
Prints the outcome as one JSON line; exits 0 on success, 1 with the error otherwise.

${PROFILE_HELP}
`,
  simulate: `Usage: ${PROGRAM} simulate (<profile> | --demo <name>) [options]

Runs a simulated appliance on this computer until interrupted (Ctrl+C) and prints
{"listening":"<url>","haId":...,"transport":...} once it accepts connections.
  --demo <name>             a built-in demo appliance: ${DEMO_NAMES}
  --save-profile <file>     write the appliance's profile ZIP (mode 0600) before "listening",
                            for watch, send and the editor's import
  --time-scale <n>          run programs n times faster (default 1: real durations)
  --transport tls|aes       transport (default: the profile's)
  --bind <address>          address to listen on (default 127.0.0.1)
  --port <n>                port to listen on (default: any free port)
  --services iz|ci2|legacy  service set the simulator announces
  --appliance <name|haId>   pick one appliance when <profile> holds several
  --quirk NAME              refuse starts like a fussy appliance (repeatable):
                            refuse-start-with-options (400), require-select-before-start (526),
                            refuse-options-on-select (403), delayed-start-write-window (541
                            outside a window that opens 2 s in every 5 s), swallow-start-answer
  --advertise               announce it over mDNS like a real appliance (on the --bind interface)
`,
  discover: `Usage: ${PROGRAM} discover [--timeout SECONDS] [--interface ADDRESS]

Listens for Home Connect appliances announcing themselves over mDNS (_homeconnect._tcp) and prints
one JSON line per appliance as it is found, then exits 0 after the timeout:
  {"haId":...,"host":"192.168.1.23","port":443,"transport":"tls","brand":...,"type":...,"vib":...}
  --timeout <seconds>     how long to listen (default 5)
  --interface <address>   the IPv4 address of the network interface to use (default: every interface)
Use the printed host with --host, or as the appliance's host in the account dialog.
`,
  plan: `Usage: ${PROGRAM} plan --prices FILE --duration SECONDS --deadline HH:MM|ISO [options]

Plans the start that costs least (or uses the most solar forecast) and finishes by the deadline,
and prints the plan as one JSON line: {"start":...,"finish":...,"startIn":...,"cost":...,"saving":...}.
  --prices FILE                  prices or forecast: a list of {start,end?,price}, Tibber, aWATTar,
                                 Solcast or forecast.solar JSON
  --duration SECONDS             how long the program runs
  --deadline HH:MM|ISO|8h        finished by then (HH:MM: the next such time)
  --now ISO                      plan as if it were then (default: now)
  --objective cheapest|solar     lowest price (default) or most forecast covered
  --step SECONDS                 start times on this grid (default 60, the delayed-start step)
`,
  login: `Usage: ${PROGRAM} login [--region EU|NA|CN] [--out DIR]

Logs in to the Home Connect cloud once to fetch the keys and profiles of your appliances,
then writes one profile ZIP per appliance into DIR (default: the current folder).
Open the printed address in a browser, log in, and paste the final address
(hcauth://auth/prod?code=...) back here. The login token is used only for this and never stored.
`,
};

async function helpText(topic: CommandName | 'main'): Promise<string> {
  const text = HELP[topic];
  if (!text.includes(DEMO_NAMES)) return text;
  const names = (await import('./simulate-command')).demoNames().join(', ');
  return text.split(DEMO_NAMES).join(names);
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Commands load on demand: `login` never needs the simulator, `--help` needs nothing. */
async function run(parsed: ParsedCommand, io: CliIo): Promise<number> {
  switch (parsed.command) {
    case 'watch':
      return (await import('./watch-command')).watchCommand(parsed, io);
    case 'send':
      return (await import('./send-command')).sendCommand(parsed, io);
    case 'simulate':
      return (await import('./simulate-command')).simulateCommand(parsed, io);
    case 'login':
      return (await import('./login-command')).loginCommand(parsed, io);
    case 'plan':
      return (await import('./plan-command')).planCommand(parsed, io);
    case 'discover':
      return (await import('./discover-command')).discoverCommand(parsed, io);
  }
}

export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = { ...defaultIo(), ...io };
  try {
    const args = parseArgs(argv);
    if (args.kind === 'help') {
      full.stdout.write(await helpText(args.command ?? 'main'));
      return 0;
    }
    if (args.parsed.help) {
      full.stdout.write(await helpText(args.parsed.command));
      return 0;
    }
    return await run(args.parsed, full);
  } catch (e) {
    printError(full, describeError(e));
    return e instanceof UsageError ? 2 : 1;
  }
}
