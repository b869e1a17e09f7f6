/**
 * The library behind the Node-RED nodes, for use from code:
 * `const { ApplianceConnection, importPath, profileFromRecord } = require('@homeconnect-local/node-red')`.
 * Node-RED itself loads homeconnect-local.js (the nodes), not this file.
 */
export * from './errors';
export * from './profile';
export * from './profile/import';
export * from './protocol';
export * from './simulator';
export * from './cloud';
