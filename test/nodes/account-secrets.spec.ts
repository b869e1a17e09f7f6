/**
 * The editor never holds stored secrets: it sends new ones as the `pending` credential and the
 * account node merges them into the stored `profiles` on deploy (and again after a restart).
 */
import * as assert from 'assert';
import type { AccountNode } from '../../nodes/account-node';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import { ACCOUNT_ID, homeconnectNodes, nodeRedHelper, testAccount, useNodeRedServer } from '../support/node-red-helper';

const helper = nodeRedHelper();
const nodes = homeconnectNodes();

function secret(r: typeof demoDishwasher): Record<string, unknown> {
  return { key: r.key, ...(r.iv ? { iv: r.iv } : {}), deviceDescription: r.deviceDescription, featureMapping: r.featureMapping };
}

describe('account node: pending secrets merged into stored ones', function () {
  useNodeRedServer(helper);
  const both = [
    { ...demoDishwasher, host: '127.0.0.1:1' },
    { ...demoWasher, host: '127.0.0.1:1' },
  ];

  async function deployWith(appliances: typeof both, creds: { profiles?: object; pending?: object }): Promise<AccountNode> {
    const account = testAccount(appliances);
    const credentials = {
      [ACCOUNT_ID]: {
        ...(creds.profiles ? { profiles: JSON.stringify(creds.profiles) } : {}),
        ...(creds.pending ? { pending: JSON.stringify(creds.pending) } : {}),
      },
    };
    await helper.load(nodes, [account.node], credentials);
    return helper.getNode(ACCOUNT_ID) as unknown as AccountNode;
  }

  function runtimeCredentials(): Record<string, string> {
    const red = (helper as unknown as { _RED: { nodes: { getCredentials(id: string): Record<string, string> } } })._RED;
    return red.nodes.getCredentials(ACCOUNT_ID);
  }

  it('keeps the stored key of an appliance the editor sent no secret for, and adds the new one', async function () {
    const acc = await deployWith(both, {
      profiles: { [demoDishwasher.haId]: secret(demoDishwasher) },
      pending: { [demoWasher.haId]: secret(demoWasher) },
    });
    assert.deepStrictEqual(
      acc
        .storedRecords()
        .map((r) => [r.haId, r.key])
        .sort(),
      [
        [demoDishwasher.haId, demoDishwasher.key],
        [demoWasher.haId, demoWasher.key],
      ].sort(),
    );
    const saved = runtimeCredentials();
    assert.strictEqual(saved.pending, undefined, 'pending is folded into profiles');
    assert.deepStrictEqual(Object.keys(JSON.parse(saved.profiles)).sort(), [demoDishwasher.haId, demoWasher.haId].sort());
  });

  it('a newer pending secret replaces the stored one; a removed appliance loses its secret', async function () {
    const newKey = Buffer.alloc(32, 9).toString('base64url');
    const acc = await deployWith([both[0]], {
      profiles: { [demoDishwasher.haId]: secret(demoDishwasher), [demoWasher.haId]: secret(demoWasher) },
      pending: { [demoDishwasher.haId]: { ...secret(demoDishwasher), key: newKey } },
    });
    assert.deepStrictEqual(
      acc.storedRecords().map((r) => [r.haId, r.key]),
      [[demoDishwasher.haId, newKey]],
    );
    assert.deepStrictEqual(Object.keys(JSON.parse(runtimeCredentials().profiles)), [demoDishwasher.haId]);
  });

  it('after a restart the same stored + pending pair gives the same result', async function () {
    const creds = { profiles: { [demoDishwasher.haId]: secret(demoDishwasher) }, pending: { [demoWasher.haId]: secret(demoWasher) } };
    const first = (await deployWith(both, creds)).storedRecords();
    await helper.unload();
    const again = (await deployWith(both, creds)).storedRecords();
    assert.deepStrictEqual(again, first);
  });
});
