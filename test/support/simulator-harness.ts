import { ApplianceSimulator, type ApplianceSimulatorOptions } from '../../src/simulator/appliance-simulator';
import { RawClient, clientOptionsFor } from './raw-client';

/** One simulator and one raw client at a time: the setup the simulator-*.spec files share. */
export class SimulatorHarness {
  sim: ApplianceSimulator | undefined;
  client: RawClient | undefined;

  /** Starts a simulator with `options` and connects a raw client with the record's key (and iv). */
  async open(options: ApplianceSimulatorOptions): Promise<RawClient> {
    this.sim = new ApplianceSimulator(options);
    await this.sim.start();
    this.client = await RawClient.connect(clientOptionsFor(options.record, this.sim.hostPort, options.transport));
    return this.client;
  }

  /** Closes the client and stops the simulator; safe to call when nothing is open. */
  async close(): Promise<void> {
    this.client?.close();
    this.client = undefined;
    await this.sim?.stop();
    this.sim = undefined;
  }
}

/** A harness for the enclosing describe block, closed after each test so mocha can exit. */
export function simulatorHarness(): SimulatorHarness {
  const harness = new SimulatorHarness();
  afterEach(() => harness.close());
  return harness;
}
