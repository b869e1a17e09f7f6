/** Device-profile layer: typed model of one appliance (protocol.md §4) plus value codec. */
export * from './types';
export * from './xml-parser';
export * from './content-types';
export * from './error-codes';
export * from './appliance-profile';
export * from './parse-profile';
export * from './hcpy-profile';
export * from './value-codec';
