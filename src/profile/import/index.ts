/** Import of what users already have, producing normalized ApplianceRecords. */
export { decodeKey, defaultHost, normalizeKey } from './key-material';
export { importProfileZip } from './profile-zip';
export { importIddfZip, type IddfMeta } from './iddf-zip';
export { importHcpyDevices, haIdFromHost } from './hcpy-devices';
export { importRecordsJson } from './record-file';
export { importBuffer, importPath, type ImportPathOptions } from './import-any';
export { writeProfileZip } from './write-profile-zip';
export { normalizeRecord, type RecordInput } from './normalize-record';
export { checkProfileXml, type ProfileXmlKind } from './profile-xml-check';
export { readDescriptionInfo } from './description-info';
