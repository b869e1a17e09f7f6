/**
 * The Catch error of every node that sends commands (out, smart start): built from the command
 * model's error fields, so msg.error reads the same whichever node failed.
 */
import { commandErrorFields } from '../src/appliance/commands';
import { HomeConnectError, errorMessage, isHomeConnectError } from '../src/errors';

/**
 * The error handed to done(): Node-RED copies message, code and cause into msg.error, so the
 * appliance's code lands in msg.error.code and its name in msg.error.cause.name.
 */
export function toNodeError(e: unknown): Error {
  if (!isHomeConnectError(e)) return new Error(errorMessage(e));
  let message = e.message;
  if (e.code !== undefined && !message.includes(String(e.code))) {
    message += ` (code ${e.code}${e.codeName ? ` ${e.codeName}` : ''})`;
  } else if (e.codeName && !message.includes(e.codeName)) {
    message += ` (${e.codeName})`;
  }
  // The shared fields (kind, code, codeName), plus name: older flows read msg.error.cause.name.
  const cause: Record<string, unknown> = { ...commandErrorFields(e) };
  delete cause.message;
  if (e.codeName !== undefined) cause.name = e.codeName;
  if (e.details !== undefined) cause.details = e.details;
  return new HomeConnectError(e.kind, message, {
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.codeName !== undefined ? { codeName: e.codeName } : {}),
    cause,
  });
}
