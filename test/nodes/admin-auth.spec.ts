/**
 * The admin API under adminAuth, in a real Node-RED: three users (full, read-only, read +
 * homeconnect-local.write) against every endpoint. Status codes follow the permissions, and no
 * answer ever carries a stored key or iv, in any encoding. Endpoints that hand out new secrets
 * (login, import) also need flows.write.
 */
import * as assert from 'assert';
import { fetch } from 'undici';
import { writeProfileZip } from '../../src/profile/import';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import { startNodeRed, type NodeRedInstance } from '../support/browser-node-red';
import { assertNoSecret } from '../support/secrets';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- bcryptjs comes with Node-RED and has no types here
const bcrypt = require('bcryptjs') as { hashSync(pw: string, rounds: number): string };

const ACC = 'hcauthacc1';
const PASSWORD = 'correct horse battery staple';
const USERS = {
  full: '*',
  readonly: 'read',
  hclwrite: ['read', 'homeconnect-local.write'],
} as const;
type UserName = keyof typeof USERS;

const STORED = [
  { ...demoDishwasher, host: '127.0.0.1:1' },
  { ...demoWasher, host: '127.0.0.1:1' },
];
const SECRETS = STORED.flatMap((r) => [r.key, ...(r.iv ? [r.iv] : [])]);

describe('admin API under adminAuth (real Node-RED)', function () {
  this.timeout(60_000);
  let red: NodeRedInstance;
  const tokens = new Map<UserName, string>();

  before(async function () {
    red = await startNodeRed({
      settings: {
        adminAuth: {
          type: 'credentials',
          users: Object.entries(USERS).map(([username, permissions]) => ({
            username,
            password: bcrypt.hashSync(PASSWORD, 4),
            permissions,
          })),
        },
      },
    });
    for (const username of Object.keys(USERS) as UserName[]) {
      const res = await fetch(`${red.url}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'node-red-admin', grant_type: 'password', scope: '', username, password: PASSWORD }),
      });
      const body = (await res.json()) as { access_token?: string };
      assert.ok(body.access_token, `token for ${username}: ${res.status}`);
      tokens.set(username, body.access_token);
    }
    const profiles: Record<string, unknown> = {};
    for (const r of STORED)
      profiles[r.haId] = {
        key: r.key,
        ...(r.iv ? { iv: r.iv } : {}),
        deviceDescription: r.deviceDescription,
        featureMapping: r.featureMapping,
      };
    const flows = [
      {
        id: ACC,
        type: 'homeconnect-local-account',
        name: 'auth test',
        region: 'EU',
        appliances: STORED.map((r) => ({
          haId: r.haId,
          name: r.name,
          host: r.host,
          connectionType: r.connectionType,
          brand: r.brand,
          type: r.type,
          vib: r.vib,
        })),
        credentials: { profiles: JSON.stringify(profiles) },
      },
    ];
    const res = await fetch(`${red.url}/flows`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'Node-RED-API-Version': 'v2',
        'Node-RED-Deployment-Type': 'full',
        authorization: `Bearer ${tokens.get('full')}`,
      },
      body: JSON.stringify({ flows }),
    });
    assert.strictEqual(res.status, 200, await res.text());
    // Flows start after the deploy answers: wait for the account node.
    for (let i = 0; i < 100; i++) {
      const r = await fetch(`${red.url}/homeconnect-local/account/${ACC}/diagnostics`, {
        headers: { authorization: `Bearer ${tokens.get('full')}` },
      });
      await r.arrayBuffer();
      if (r.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  after(async () => {
    await red?.stop();
  });

  const other = writeProfileZip({
    ...demoDishwasher,
    haId: 'OTHER-DW-000000000009',
    name: 'other',
    key: Buffer.alloc(32, 5).toString('base64url'),
  });
  const base = `/homeconnect-local`;
  const calls: Array<{ name: string; method: 'GET' | 'POST'; path: string; body?: unknown; expect: Record<UserName, number> }> = [
    { name: 'diagnostics', method: 'GET', path: `${base}/account/${ACC}/diagnostics`, expect: { full: 200, readonly: 200, hclwrite: 200 } },
    {
      name: 'profile view',
      method: 'GET',
      path: `${base}/account/${ACC}/appliance/${demoWasher.haId}/profile`,
      expect: { full: 200, readonly: 200, hclwrite: 200 },
    },
    {
      name: 'live view',
      method: 'GET',
      path: `${base}/account/${ACC}/appliance/${demoWasher.haId}/live`,
      expect: { full: 200, readonly: 200, hclwrite: 200 },
    },
    {
      name: 'import (another appliance)',
      method: 'POST',
      path: `${base}/import`,
      body: { account: ACC, files: [{ name: other.fileName, data: Buffer.from(other.data).toString('base64') }] },
      expect: { full: 200, readonly: 401, hclwrite: 401 },
    },
    {
      name: 'import (a broken file)',
      method: 'POST',
      path: `${base}/import`,
      body: { account: ACC, files: [{ name: 'x.zip', data: Buffer.from('PK\u0003\u0004').toString('base64') }] },
      expect: { full: 200, readonly: 401, hclwrite: 401 },
    },
    {
      name: 'login start',
      method: 'POST',
      path: `${base}/login/start`,
      body: { region: 'EU' },
      expect: { full: 200, readonly: 401, hclwrite: 401 },
    },
    {
      name: 'login complete',
      method: 'POST',
      path: `${base}/login/complete`,
      body: { loginId: 'x', address: 'x', account: ACC },
      expect: { full: 400, readonly: 401, hclwrite: 401 },
    },
    {
      name: 'test connection of a stored appliance',
      method: 'POST',
      path: `${base}/test-connection`,
      body: { account: ACC, haId: demoWasher.haId },
      expect: { full: 200, readonly: 401, hclwrite: 200 },
    },
    {
      name: 'profile preview',
      method: 'POST',
      path: `${base}/profile`,
      body: { record: { deviceDescription: demoWasher.deviceDescription, featureMapping: demoWasher.featureMapping } },
      expect: { full: 200, readonly: 401, hclwrite: 200 },
    },
  ];

  for (const user of Object.keys(USERS) as UserName[]) {
    for (const call of calls) {
      it(`${user}: ${call.name} answers ${call.expect[user]} with no stored secret`, async function () {
        const res = await fetch(`${red.url}${call.path}`, {
          method: call.method,
          headers: {
            authorization: `Bearer ${tokens.get(user)}`,
            ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        });
        const text = await res.text();
        assert.strictEqual(res.status, call.expect[user], `${call.name} as ${user}: ${text.slice(0, 200)}`);
        assertNoSecret(text, SECRETS);
      });
    }
  }

  it('without a token nothing answers', async function () {
    const res = await fetch(`${red.url}${base}/account/${ACC}/diagnostics`);
    await res.arrayBuffer();
    assert.strictEqual(res.status, 401);
  });
});
