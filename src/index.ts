/**
 * The library's public API, for use from code:
 * `const { importPath, ApplianceConnection, runCommand } = require('@homeconnect-local/node-red')`.
 * Node-RED itself loads homeconnect-local.js (the nodes), not this file.
 *
 * Deliberately small (README "Library API"): profile import and parse, the connection, the
 * command model, the simulator, and the one-time cloud login that yields profiles. Everything
 * else is internal and may change without notice.
 */

// ---- errors ---------------------------------------------------------------------------------
export { HomeConnectError, isHomeConnectError, type ErrorKind } from './errors';

// ---- profiles: import files, parse XML, look up features -------------------------------------
export { importPath, importBuffer, writeProfileZip, normalizeRecord, type RecordInput } from './profile/import';
export { parseProfile } from './profile/parse-profile';
export { profileFromRecord, profileFromHcpyFeatures } from './profile/hcpy-profile';
export { ApplianceProfile } from './profile/appliance-profile';
export type {
  Access,
  ApplianceRecord,
  ConnectionType,
  DecodedValue,
  EnumerationType,
  Feature,
  FeatureKind,
  ProfileWarning,
  ProgramOption,
} from './profile/types';

// ---- the connection to one appliance ----------------------------------------------------------
export { ApplianceConnection, type ApplianceConnectionOptions, type ConnectionTiming } from './protocol/appliance-connection';
export { connectOnce, type ConnectOnceOptions } from './appliance/connect-once';
export type {
  ApplianceClient,
  ConnectionEvents,
  ConnectionState,
  DeviceInfo,
  OptionValues,
  RawResponse,
  StateChange,
  ValueChange,
  WriteResult,
} from './protocol/types';

// ---- commands: one model for every front end ---------------------------------------------------
export {
  parseCommand,
  runCommand,
  guardCommand,
  checkCommandKeys,
  commandErrorFields,
  StartPathMemory,
  START_PATHS,
  type StartPath,
  type ApplianceCommand,
  type CommandTarget,
  type RunOptions,
} from './appliance/commands';
export { resolveDelayedStart, isDangerousCommand, type DelayedStartRequest } from './protocol/program-command';

// ---- simulator ---------------------------------------------------------------------------------
export { ApplianceSimulator, type ApplianceSimulatorOptions, type SimulatorFaults } from './simulator/appliance-simulator';
export type { SimulatorQuirkOptions } from './simulator/quirks';
export { demoRecords, demoDishwasher, demoWasher } from './simulator/demo-profiles';

// ---- one-time cloud login (keys and profiles) ------------------------------------------------
export { createLoginRequest, completeLogin, parseRedirect, isCloudRegion, CLOUD_REGIONS } from './cloud';
export type { CloudRegion, LoginRequest, LoginResult, LoginFailure, CompleteLoginOptions, ParsedRedirect } from './cloud';
