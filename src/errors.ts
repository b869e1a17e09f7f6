/**
 * Errors are values with a kind and a sentence for a person.
 * Library code rejects/throws only HomeConnectError for expected failures, so callers
 * can branch on `kind` without parsing messages.
 */
export type ErrorKind =
  | 'offline'
  | 'auth-failed'
  | 'validation'
  | 'appliance-error'
  | 'timeout'
  | 'protocol'
  | 'profile'
  | 'import'
  | 'cloud'
  | 'not-connected'
  | 'unknown-outcome';

export class HomeConnectError extends Error {
  readonly kind: ErrorKind;
  /** Appliance error code (RESPONSE `code`), when kind is appliance-error. */
  readonly code?: number;
  /** Name of `code` from the appliance's own error table (e.g. BSH.Common.Error.ValueOutOfRange). */
  readonly codeName?: string;
  /** Extra machine-readable detail (feature key, accepted values, file name ...). Never secrets. */
  readonly details?: Record<string, unknown>;

  constructor(
    kind: ErrorKind,
    message: string,
    extra: { code?: number; codeName?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'HomeConnectError';
    this.kind = kind;
    if (extra.code !== undefined) this.code = extra.code;
    if (extra.codeName !== undefined) this.codeName = extra.codeName;
    if (extra.details !== undefined) this.details = extra.details;
    if (extra.cause !== undefined) (this as { cause?: unknown }).cause = extra.cause;
  }
}

export function isHomeConnectError(e: unknown): e is HomeConnectError {
  return e instanceof HomeConnectError;
}

/** Message text of anything thrown, for places that must not throw themselves. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
