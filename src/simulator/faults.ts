// Fault injection of the simulator: switches the tests and `simulate` flip, and frames a sick appliance sends.
import * as crypto from 'crypto';
import { errorMessage } from '../errors';
import type { ApplianceProfile } from '../profile';
import type { ConnectionType } from '../profile/types';
import type { Message } from '../protocol/message';
import { serializeMessage } from '../protocol/session';
import type { ClientLink } from './client-link';
import type { SimulatedState } from './simulated-state';

/** Fault injection switches (integration tests, CLI `simulate`). */
export interface SimulatorFaults {
  /** Terminate every socket at once (no close frame). */
  drop(): void;
  /** Stop answering anything (requests, pings, NOTIFYs) while on. */
  stall(on: boolean): void;
  /** AES: a frame of random bytes; TLS: a text frame that is not JSON. */
  sendGarbage(): void;
  /** AES: a well-formed frame whose MAC tag is wrong. */
  sendMisTagged(): void;
  /** Answer websocket upgrades with this HTTP status (e.g. 404); undefined stops. */
  rejectUpgrade(status?: number): void;
  /** Refuse a second concurrent connection with 503 (default on). */
  refuseSecondConnection(on: boolean): void;
  /** Answer GET /ro/allMandatoryValues with 500 while on. */
  failMandatoryValues(on: boolean): void;
  /** Delay every answer by this many milliseconds. */
  responseDelayMs: number;
  /** Never answer requests for this resource (null: answer everything again). */
  neverRespond(resource: string | null): void;
  /** Send `count` NOTIFY /ro/values as fast as possible; resolves when all are queued and sent. */
  burst(count: number): Promise<void>;
  /** Send one NOTIFY /ro/values with exactly these items (hostile-appliance tests); resolves when sent. */
  notifyItems(data: unknown[]): Promise<void>;
  /** Send one frame larger than 1 MiB. */
  oversizedFrame(): void;
  /** Drop every socket and come back with a new sID and edMsgID (appliance reboot). */
  restart(): void;
}

/** Fault state the simulator reads on every answer, upgrade and send. */
export interface FaultSwitches {
  stalled: boolean;
  upgradeStatus: number | undefined;
  refuseSecond: boolean;
  failMandatory: boolean;
  silentResource: string | null;
  delayMs: number;
}

/** What fault injection needs of the simulator. */
export interface FaultHost {
  switches: FaultSwitches;
  transport: ConnectionType;
  links(): ClientLink[];
  forget(link: ClientLink): void;
  notifiableLinks(): ClientLink[];
  /** A NOTIFY /ro/values envelope with the next appliance msgID. */
  valuesNotify(data: unknown[]): Message;
  state: SimulatedState;
  profile: ApplianceProfile;
  /** New sID, edMsgID and appliance msgIDs (a reboot). */
  newSession(): void;
  log(line: string): void;
}

export function makeFaults(sim: FaultHost): SimulatorFaults {
  const each = (fn: (s: ClientLink) => void): void => {
    for (const s of sim.links()) {
      try {
        fn(s);
      } catch (e) {
        sim.log(`fault injection failed: ${errorMessage(e)}`);
      }
    }
  };
  const drop = (): void =>
    each((s) => {
      s.closed = true;
      sim.forget(s);
      s.conn.terminate();
    });
  const sampleNotify = (): string => serializeMessage(sim.valuesNotify(sim.state.mandatoryValues().slice(0, 1)));
  return {
    drop,
    stall(on: boolean): void {
      sim.switches.stalled = on;
      each((s) => {
        s.conn.autoPong = !on;
      });
    },
    sendGarbage(): void {
      each((s) => {
        if (sim.transport === 'AES') s.conn.sendRawFrame(crypto.randomBytes(64), true);
        else s.conn.sendRawFrame('this is not JSON {', false);
      });
    },
    sendMisTagged(): void {
      each((s) => {
        if (sim.transport === 'AES') s.conn.sendMisTagged(sampleNotify());
        else s.conn.sendRawFrame(crypto.randomBytes(64), true);
      });
    },
    rejectUpgrade(status?: number): void {
      sim.switches.upgradeStatus = status;
    },
    refuseSecondConnection(on: boolean): void {
      sim.switches.refuseSecond = on;
    },
    failMandatoryValues(on: boolean): void {
      sim.switches.failMandatory = on;
    },
    get responseDelayMs(): number {
      return sim.switches.delayMs;
    },
    set responseDelayMs(ms: number) {
      sim.switches.delayMs = Number.isFinite(ms) && ms > 0 ? ms : 0;
    },
    neverRespond(resource: string | null): void {
      sim.switches.silentResource = resource;
    },
    async burst(count: number): Promise<void> {
      const f = sim.state.feature('ProgramProgress') ?? sim.profile.statuses().find((x) => typeof sim.state.get(x.uid) === 'number');
      if (!f || count <= 0) return;
      const original = sim.state.get(f.uid);
      const sends: Promise<void>[] = [];
      for (let i = 0; i < count; i++) {
        const value = i === count - 1 ? original : i % 100;
        sim.state.set(f.uid, value);
        for (const s of sim.notifiableLinks()) {
          if (sim.switches.stalled) continue;
          const text = serializeMessage(sim.valuesNotify([{ uid: f.uid, value }]));
          sends.push(s.conn.send(text).catch(() => undefined));
        }
      }
      await Promise.all(sends);
    },
    async notifyItems(data: unknown[]): Promise<void> {
      const text = serializeMessage(sim.valuesNotify(data));
      await Promise.all(sim.notifiableLinks().map((s) => s.conn.send(text).catch(() => undefined)));
    },
    oversizedFrame(): void {
      const big = serializeMessage(sim.valuesNotify([{ uid: 1, value: 'x'.repeat(1024 * 1024 + 1024) }]));
      each((s) => {
        if (sim.transport === 'TLS') {
          s.conn.sendRawFrame(big, false);
          return;
        }
        s.conn.send(big).catch(() => {
          try {
            s.conn.sendRawFrame(crypto.randomBytes(1024 * 1024 + 1024), true);
          } catch {
            // socket already gone
          }
        });
      });
    },
    restart(): void {
      drop();
      sim.newSession();
      sim.log(`restarted with a new session id`);
    },
  };
}
