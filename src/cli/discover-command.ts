/**
 * `homeconnect-local discover`: one JSON line per appliance found over mDNS, as it is found; exit 0
 * after the timeout, also when nothing answered (with a hint on stderr).
 */
import { isIP } from 'net';
import { discoverAppliances, discoveredLine, noAnswerHint } from '../discovery';
import { UsageError, flagValue, type ParsedCommand } from './args';
import { PROGRAM, printJson, type CliIo } from './output';

export const DEFAULT_DISCOVER_TIMEOUT_MS = 5000;

export async function discoverCommand(parsed: ParsedCommand, io: CliIo): Promise<number> {
  const timeoutText = flagValue(parsed, 'timeout');
  let timeoutMs = DEFAULT_DISCOVER_TIMEOUT_MS;
  if (timeoutText !== undefined) {
    const n = Number(timeoutText);
    if (!/^\d+(\.\d+)?$/.test(timeoutText) || !(n > 0) || n > 600)
      throw new UsageError('--timeout must be a number of seconds greater than 0 (at most 600)');
    timeoutMs = Math.round(n * 1000);
  }
  const iface = flagValue(parsed, 'interface');
  if (iface !== undefined && isIP(iface) !== 4)
    throw new UsageError('--interface must be the IPv4 address of a network interface, e.g. 192.168.1.10');
  const found = await discoverAppliances({
    timeoutMs,
    ...(iface ? { interface: iface } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    onFound: (a) => printJson(io, discoveredLine(a)),
    log: (line) => {
      if (io.env.HOMECONNECT_LOCAL_DEBUG) io.stderr.write(`${PROGRAM}: ${line}\n`);
    },
  });
  if (found.length === 0) io.stderr.write(`${PROGRAM}: ${noAnswerHint(iface, timeoutMs / 1000)}\n`);
  return 0;
}
