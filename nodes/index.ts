import { registerAccountNode } from './account-node';
import { registerAdminApi } from './admin-api';
import { registerInNode } from './in-node';
import { registerMqttNode } from './mqtt-node';
import { registerOutNode } from './out-node';
import { registerSmartStartNode } from './smart-start-node';
import type { RedAPI } from './red-types';

/** Node-RED entry (loaded through /homeconnect-local.js): registers the node types. */
function homeconnectLocal(RED: RedAPI): void {
  registerAccountNode(RED);
  registerInNode(RED);
  registerOutNode(RED);
  registerMqttNode(RED);
  registerSmartStartNode(RED);
  registerAdminApi(RED);
}

export = homeconnectLocal;
