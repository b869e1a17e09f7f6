/**
 * `homeconnect-local simulate`: a simulated appliance from a profile (or a built-in demo)
 * until SIGINT/SIGTERM. The one JSON line on stdout tells scripts where it listens; with
 * --save-profile the profile ZIP that watch/send/the editor import can use is written first.
 */
import type { ApplianceRecord } from '../profile/types';
import { writeProfileZip } from '../profile/import';
import { ApplianceSimulator } from '../simulator/appliance-simulator';
import { QUIRK_NAMES, isQuirkName, type SimulatorQuirkOptions } from '../simulator/quirks';
import { demoRecords } from '../simulator/demo-profiles';
import { UsageError, flagValue, integerFlag, numberFlag, type ParsedCommand } from './args';
import { loadAppliance } from './load-records';
import { printJson, printWarning, type CliIo } from './output';
import { writePrivateFile } from './private-file';
import { waitForStop } from './stop-signal';

/** Program time runs at most this many times faster (a 4 h program then takes under 2 s). */
export const MAX_TIME_SCALE = 10_000;

/** FridgeFreezer -> fridge-freezer. */
function kebab(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The names --demo accepts: each built-in demo appliance's name. */
export function demoNames(): string[] {
  return demoRecords().map((r) => (r.name ?? kebab(r.type)).toLowerCase());
}

/** A fresh copy of the demo called `name` (its name, or its type as in fridge-freezer). */
export function findDemo(name: string): ApplianceRecord | undefined {
  const wanted = name.trim().toLowerCase();
  const demos = demoRecords();
  return (
    demos.find((r) => (r.name ?? '').toLowerCase() === wanted) ??
    demos.find((r) => kebab(r.type) === wanted || r.type.toLowerCase() === wanted)
  );
}

async function simulatedRecord(parsed: ParsedCommand, io: CliIo): Promise<ApplianceRecord> {
  const demo = flagValue(parsed, 'demo');
  const file = parsed.positionals[0];
  if (demo !== undefined && file !== undefined) throw new UsageError('simulate takes either a profile or --demo, not both');
  if (demo !== undefined) {
    const record = findDemo(demo);
    if (!record) throw new UsageError(`--demo must be one of ${demoNames().join(', ')}`);
    return record;
  }
  if (file === undefined) {
    throw new UsageError(`simulate needs a profile (ZIP, folder, devices.json or records JSON) or --demo ${demoNames().join('|')}`);
  }
  return loadAppliance(file, { appliance: flagValue(parsed, 'appliance') }, (warning) => printWarning(io, warning));
}

/** host:port to reach the simulator from this computer (an any-address bind is reached via loopback). */
export function reachableHost(url: string): string {
  const u = new URL(url);
  const hostname = u.hostname === '0.0.0.0' ? '127.0.0.1' : u.hostname === '[::]' ? '[::1]' : u.hostname;
  // URL drops the scheme's default port (443 for wss, 80 for ws); the record keeps it explicit.
  return `${hostname}:${u.port || (u.protocol === 'wss:' ? '443' : '80')}`;
}

/** The --quirk flags merged into one set of simulator quirks (names are checked by the parser). */
export function quirksFromFlags(parsed: ParsedCommand): SimulatorQuirkOptions {
  const quirks: SimulatorQuirkOptions = {};
  for (const name of parsed.flags.get('quirk') ?? []) {
    if (isQuirkName(name)) Object.assign(quirks, QUIRK_NAMES[name]);
  }
  return quirks;
}

export async function simulateCommand(parsed: ParsedCommand, io: CliIo): Promise<number> {
  const port = integerFlag(parsed, 'port', 0, 65535) ?? 0;
  const bind = flagValue(parsed, 'bind') ?? '127.0.0.1';
  const transportFlag = flagValue(parsed, 'transport') as 'tls' | 'aes' | undefined;
  const services = flagValue(parsed, 'services') as 'iz' | 'ci2' | 'legacy' | undefined;
  const timeScale = numberFlag(parsed, 'time-scale', MAX_TIME_SCALE) ?? 1;
  const saveProfile = flagValue(parsed, 'save-profile');
  const record = await simulatedRecord(parsed, io);
  const transport = transportFlag ?? (record.connectionType === 'AES' ? 'aes' : 'tls');
  if (transport === 'aes' && !record.iv) {
    throw new UsageError(`${record.haId} has no iv, so it cannot be simulated over AES; use --transport tls`);
  }
  // Fail on a profile without XML before listening rather than after.
  if (saveProfile !== undefined) writeProfileZip(record);

  // Listen for signals before starting, so an early Ctrl+C still stops cleanly.
  const stop = waitForStop(io);
  const simulator = new ApplianceSimulator({
    record,
    transport: transport === 'aes' ? 'AES' : 'TLS',
    host: bind,
    port,
    timeScale,
    ...(services ? { services } : {}),
    quirks: quirksFromFlags(parsed),
    ...(parsed.flags.has('advertise') ? { advertise: bind === '0.0.0.0' || bind === '::' ? {} : { interface: bind } } : {}),
  });
  // Real appliances serve the app and other clients side by side, so watch and send can run
  // at the same time against the simulator (its test default refuses a second client).
  simulator.faults.refuseSecondConnection(false);
  try {
    const { url } = await simulator.start();
    if (saveProfile !== undefined) {
      // What a client needs to reach this simulator: its address and the transport it serves.
      const saved: ApplianceRecord = { ...record, host: reachableHost(url), connectionType: transport === 'aes' ? 'AES' : 'TLS' };
      if (transport === 'tls') delete saved.iv; // an iv marks an AES appliance
      await writePrivateFile(saveProfile, writeProfileZip(saved).data);
    }
    const quirks = parsed.flags.get('quirk');
    printJson(io, { listening: url, haId: record.haId, transport, ...(quirks ? { quirks } : {}) });
    await stop.stopped;
    return 0;
  } finally {
    stop.dispose();
    await simulator.stop().catch(() => undefined);
  }
}
