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

const HELP: Record<CommandName | 'main', string> = {
  main: `Usage: ${PROGRAM} <command> [options]

Talk to Home Connect appliances over the local network.

Commands:
  watch <profile>      print connection changes and every value change as JSON lines
  send <profile> ...   set values, select/start/stop/pause/resume programs, run a command or send a raw request
  simulate <profile>   run a simulated appliance (or --demo dishwasher|washer)
  login                log in to the Home Connect cloud once and save profile ZIPs

Run "${PROGRAM} <command> --help" for the options of a command.
`,
  watch: `Usage: ${PROGRAM} watch <profile> [--appliance <name|haId>] [--host <host[:port]>] [--raw]

Connects and prints one JSON object per line until interrupted (Ctrl+C):
  {"event":"<state>","haId":...,"reason":...}         connection changes
  {"haId":...,"key":...,"uid":...,"value":...,"raw":...} the initial state and every change
  --raw   also print every message in and out: {"haId":...,"direction":"in|out","message":...}

${PROFILE_HELP}
`,
  send: `Usage: ${PROGRAM} send <profile> [--appliance <name|haId>] [--host <host[:port]>] <action>

Actions (exactly one):
  --set KEY=VALUE [--set KEY=VALUE ...]          write settings or other writable values
  --select PROGRAM [--option KEY=VALUE ...]      select a program
  --start [PROGRAM] [--option KEY=VALUE ...]     start a program (the selected one when omitted)
      [--start-in SECONDS | --finish-in SECONDS] delayed start, mapped to the option the program has
      [--start-path PATH]                         only this start path, no fallback: direct,
                                                 select-then-start, options-as-values, write-window
  --stop | --pause | --resume                    control the running program
  --command KEY[=VALUE]                          run a command (BSH.Common.Command.*)
  --raw JSON                                     {"resource":"/ro/values","action":"GET","data":[...]}

KEY is a full key (BSH.Common.Setting.PowerState), a unique short key (PowerState) or a uid.
VALUE is an enum member name, a number, true/false, or JSON.
  --allow-dangerous     send commands that reset the appliance or cut its network, and raw
                        writes outside /ro/values, /ro/activeProgram, /ro/selectedProgram
  --timeout <seconds>   how long to wait for the connection (default 20)
Prints the outcome as one JSON line; exits 0 on success, 1 with the error otherwise.

${PROFILE_HELP}
`,
  simulate: `Usage: ${PROGRAM} simulate (<profile> | --demo dishwasher|washer) [options]

Runs a simulated appliance on this computer until interrupted (Ctrl+C) and prints
{"listening":"<url>","haId":...,"transport":...} once it accepts connections.
  --transport tls|aes       transport (default: the profile's)
  --bind <address>          address to listen on (default 127.0.0.1)
  --port <n>                port to listen on (default: any free port)
  --services iz|ci2|legacy  service set the simulator announces
  --appliance <name|haId>   pick one appliance when <profile> holds several
  --quirk NAME              refuse starts like a fussy appliance (repeatable):
                            refuse-start-with-options (400), require-select-before-start (526),
                            refuse-options-on-select (403), delayed-start-write-window (541
                            outside a window that opens 2 s in every 5 s), swallow-start-answer
`,
  login: `Usage: ${PROGRAM} login [--region EU|NA|CN] [--out DIR]

Logs in to the Home Connect cloud once to fetch the keys and profiles of your appliances,
then writes one profile ZIP per appliance into DIR (default: the current folder).
Open the printed address in a browser, log in, and paste the final address
(hcauth://auth/prod?code=...) back here. The login token is used only for this and never stored.
`,
};

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
  }
}

export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = { ...defaultIo(), ...io };
  try {
    const args = parseArgs(argv);
    if (args.kind === 'help') {
      full.stdout.write(HELP[args.command ?? 'main']);
      return 0;
    }
    if (args.parsed.help) {
      full.stdout.write(HELP[args.parsed.command]);
      return 0;
    }
    return await run(args.parsed, full);
  } catch (e) {
    printError(full, describeError(e));
    return e instanceof UsageError ? 2 : 1;
  }
}
