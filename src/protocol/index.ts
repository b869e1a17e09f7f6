/** Public surface of the protocol layer: codec, transports, session, connection and helpers. */
export * from './message';
export * from './types';
export * from './aes-frame-codec';
export * from './host-address';
export * from './client-transport';
export * from './server-transport';
export * from './backoff';
export * from './traffic-log';
export * from './session';
export * from './appliance-connection';
export * from './program-command';
