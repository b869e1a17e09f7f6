/** Appliance simulator: the server side of the protocol, built from any profile. */
export { ApplianceSimulator } from './appliance-simulator';
export type { ApplianceSimulatorOptions, SimulatorFaults } from './appliance-simulator';
export { serviceList, serviceVersions, expectedDeviceType, isServiceSetName } from './service-sets';
export type { ServiceSetName, ServiceVersion } from './service-sets';
export { SimulatedState, ErrorCode } from './simulated-state';
export { ProgramRunner, planRun } from './program-runner';
export type { RunPhase, RunPlan } from './program-runner';
export * from './strict-checks';
export { SimulatorQuirks, QUIRK_NAMES, isQuirkName } from './quirks';
export type { SimulatorQuirkOptions, QuirkName } from './quirks';
export * from './demo-profiles';
