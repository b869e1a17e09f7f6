/**
 * Fallback names for RESPONSE `code`s (protocol.md §3.9). Each appliance ships its own
 * table in FeatureMapping (preferred); this one is used when a code is missing there or
 * when no XML is available (hcpy imports).
 */
const PREFIX = 'BSH.Common.Error.';

const TABLE: ReadonlyArray<[number, string]> = [
  [200, '200.OK'],
  [202, '202.Accepted'],
  [400, '400.BadRequest'],
  [403, '403.Forbidden'],
  [404, '404.NotFound'],
  [405, '405.MethodNotAllowed'],
  // Sic: the appliances' own tables name hex 019C (= 412) "414.RequestUriTooLong".
  [412, '414.RequestUriTooLong'],
  [413, '413.RequestEntityTooLong'],
  [429, '429.TooManyRequests'],
  [500, '500.InternalServerError'],
  [501, '501.NotImplemented'],
  [502, '502.BadGateway'],
  [503, '503.ServiceUnavailable'],
  [504, '504.GatewayTimeout'],
  [507, '507.InsufficientMemory'],
  [512, 'UnknownUID'],
  [513, 'WriteRequest.UnknownUID'],
  [514, 'ReadRequest.UnknownUID'],
  [515, 'Busy'],
  [516, 'WriteRequest.Busy'],
  [517, 'ReadRequest.Busy'],
  [518, 'NoAccess'],
  [519, 'WriteRequest.NoAccess'],
  [520, 'ReadRequest.NoAccess'],
  [521, 'NoAccessByList'],
  [522, 'WriteRequest.NoAccessByList'],
  [523, 'ReadRequest.NoAccessByList'],
  [524, 'NotAvailable'],
  [525, 'WriteRequest.NotAvailable'],
  [526, 'ReadRequest.NotAvailable'],
  [527, 'NotAvailableByList'],
  [528, 'WriteRequest.NotAvailableByList'],
  [529, 'ReadRequest.NotAvailableByList'],
  [530, 'NoExecution'],
  [531, 'ValueOutOfRange'],
  [532, 'InvalidUIDValue'],
  [533, 'Incomplete'],
  [534, 'Inconsistent'],
  [535, 'CmdViolation'],
  [536, 'InvalidFormat'],
  [537, 'RemoteControlNotActive'],
  [538, 'RemoteStartNotActive'],
  [539, 'LockedByLocalControl'],
  [540, 'DeviceStateNotCompliant'],
  [541, 'ProcessStateNotCompliant'],
  [542, 'BackendNotConnected'],
  [543, 'EnergyManagementNotConnected'],
  [544, 'NotInLocalWiFi'],
];

/** code -> full name (`BSH.Common.Error.WriteRequest.Busy`). */
export const FALLBACK_ERROR_NAMES: ReadonlyMap<number, string> = new Map(TABLE.map(([c, n]) => [c, PREFIX + n]));

/** Full name of an error code from the generic table, or undefined. */
export function fallbackErrorName(code: number): string | undefined {
  return FALLBACK_ERROR_NAMES.get(code);
}
