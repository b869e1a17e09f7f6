/** The typed command of the one command model, and the reader of out-node payloads it offers. */
import type { ApplianceCommand } from '../appliance/commands';

export type { ApplianceCommand };

/** Reads an out-node payload into a command; throws HomeConnectError('validation') (parseCommand). */
export type PayloadParser = (payload: unknown) => ApplianceCommand;
