/**
 * Kept for code written before the command model moved to src/appliance: new code imports
 * parseCommand and ApplianceCommand from src/appliance/commands.
 */
import { parseCommand } from '../src/appliance/parse-command';
import type { ApplianceCommand } from '../src/appliance/parse-command';
import type { NodeMessage } from './red-types';

export type OutCommand = ApplianceCommand;

export function parseOutMessage(msg: NodeMessage): ApplianceCommand {
  return parseCommand(msg.payload, msg.topic);
}
