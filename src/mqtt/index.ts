export * from './topics';
export * from './state-values';
export * from './command-types';
export * from './command-input';
export * from './ha-discovery';
export * from './mqtt-bridge';
