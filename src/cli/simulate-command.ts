/**
 * `homeconnect-local simulate`: a simulated appliance from a profile (or a built-in demo)
 * until SIGINT/SIGTERM. The one JSON line on stdout tells scripts where it listens.
 */
import type { ApplianceRecord } from '../profile/types';
import { ApplianceSimulator } from '../simulator/appliance-simulator';
import { QUIRK_NAMES, isQuirkName, type SimulatorQuirkOptions } from '../simulator/quirks';
import { demoDishwasher, demoWasher } from '../simulator/demo-profiles';
import { UsageError, flagValue, integerFlag, type ParsedCommand } from './args';
import { loadAppliance } from './load-records';
import { printJson, type CliIo } from './output';
import { waitForStop } from './stop-signal';

async function simulatedRecord(parsed: ParsedCommand): Promise<ApplianceRecord> {
  const demo = flagValue(parsed, 'demo');
  const file = parsed.positionals[0];
  if (demo !== undefined && file !== undefined) throw new UsageError('simulate takes either a profile or --demo, not both');
  if (demo === 'dishwasher') return { ...demoDishwasher };
  if (demo === 'washer') return { ...demoWasher };
  if (file === undefined) {
    throw new UsageError('simulate needs a profile (ZIP, folder, devices.json or records JSON) or --demo dishwasher|washer');
  }
  return loadAppliance(file, { appliance: flagValue(parsed, 'appliance') });
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
  const record = await simulatedRecord(parsed);
  const transport = transportFlag ?? (record.connectionType === 'AES' ? 'aes' : 'tls');
  if (transport === 'aes' && !record.iv) {
    throw new UsageError(`${record.haId} has no iv, so it cannot be simulated over AES; use --transport tls`);
  }

  // Listen for signals before starting, so an early Ctrl+C still stops cleanly.
  const stop = waitForStop(io);
  const simulator = new ApplianceSimulator({
    record,
    transport: transport === 'aes' ? 'AES' : 'TLS',
    host: bind,
    port,
    ...(services ? { services } : {}),
    quirks: quirksFromFlags(parsed),
  });
  // Real appliances serve the app and other clients side by side, so watch and send can run
  // at the same time against the simulator (its test default refuses a second client).
  simulator.faults.refuseSecondConnection(false);
  try {
    const { url } = await simulator.start();
    const quirks = parsed.flags.get('quirk');
    printJson(io, { listening: url, haId: record.haId, transport, ...(quirks ? { quirks } : {}) });
    await stop.stopped;
    return 0;
  } finally {
    stop.dispose();
    await simulator.stop().catch(() => undefined);
  }
}
