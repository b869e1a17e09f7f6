import * as assert from 'assert';
import { createHash } from 'crypto';
import { HomeConnectError } from '../../src/errors';
import type { ApplianceRecord } from '../../src/profile/types';
import {
  APP_CLIENT_ID,
  APP_SCOPES,
  cloudEndpoints,
  completeLogin,
  createLoginRequest,
  mergeRecords,
  parseRedirect,
  type FetchLike,
} from '../../src/cloud';
import { MAX_CLOUD_BODY_BYTES, getApplianceFiles, getPairedAppliances } from '../../src/cloud/cloud-client';
import { overlappingZip } from '../support/hostile-files';

function s256(v: string): string {
  return createHash('sha256').update(v, 'ascii').digest('base64url');
}

function cloudError(fn: () => unknown): HomeConnectError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HomeConnectError, 'expected HomeConnectError');
    assert.strictEqual(e.kind, 'cloud');
    return e;
  }
  assert.fail('expected a throw');
}

describe('cloud endpoints', () => {
  it('uses the new asset hosts per region', () => {
    assert.deepStrictEqual(cloudEndpoints('EU', {}), {
      api: 'https://api.home-connect.com',
      asset: 'https://eu.services.home-connect.com',
    });
    assert.deepStrictEqual(cloudEndpoints('NA', {}), {
      api: 'https://api-rna.home-connect.com',
      asset: 'https://na.services.home-connect.com',
    });
    assert.deepStrictEqual(cloudEndpoints('CN', {}), {
      api: 'https://api.home-connect.cn',
      asset: 'https://cn.services.home-connect.cn',
    });
  });

  it('lets env override each host and strips trailing slashes', () => {
    const env = { HOMECONNECT_LOCAL_API_URL: 'http://127.0.0.1:1/', HOMECONNECT_LOCAL_ASSET_URL: 'http://127.0.0.1:2//' };
    assert.deepStrictEqual(cloudEndpoints('NA', env), { api: 'http://127.0.0.1:1', asset: 'http://127.0.0.1:2' });
    assert.deepStrictEqual(cloudEndpoints('EU', { HOMECONNECT_LOCAL_ASSET_URL: 'http://x' }), {
      api: 'https://api.home-connect.com',
      asset: 'http://x',
    });
  });
});

describe('createLoginRequest', () => {
  it('builds PKCE material per RFC 7636 S256', () => {
    const req = createLoginRequest('EU', {});
    assert.match(req.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.strictEqual(Buffer.from(req.verifier, 'base64url').length, 32);
    assert.strictEqual(req.challenge, s256(req.verifier));
    assert.match(req.state, /^[A-Za-z0-9_-]{22}$/);
    assert.match(req.nonce, /^[A-Za-z0-9_-]{22}$/);
    assert.ok(!/=/.test(req.verifier + req.challenge + req.state + req.nonce));
    const other = createLoginRequest('EU', {});
    assert.notStrictEqual(other.verifier, req.verifier);
    assert.notStrictEqual(other.state, req.state);
    assert.strictEqual(typeof req.createdAt, 'number');
  });

  it('puts every parameter into the authorize URL', () => {
    const req = createLoginRequest('NA', {});
    const u = new URL(req.authorizeUrl);
    assert.strictEqual(u.origin + u.pathname, 'https://api-rna.home-connect.com/security/oauth/authorize');
    const q = u.searchParams;
    assert.strictEqual(q.get('response_type'), 'code');
    assert.strictEqual(q.get('prompt'), 'login');
    assert.strictEqual(q.get('code_challenge'), req.challenge);
    assert.strictEqual(q.get('code_challenge_method'), 'S256');
    assert.strictEqual(q.get('client_id'), APP_CLIENT_ID);
    assert.strictEqual(
      q.get('scope'),
      'Control DeleteAppliance IdentifyAppliance Images Monitor ReadAccount ReadOrigApi Settings WriteAppliance WriteOrigApi',
    );
    assert.strictEqual(APP_SCOPES.length, 10);
    assert.strictEqual(q.get('nonce'), req.nonce);
    assert.strictEqual(q.get('state'), req.state);
    assert.strictEqual(q.get('redirect_uri'), 'hcauth://auth/prod');
    assert.ok(req.authorizeUrl.includes('redirect_uri=hcauth%3A%2F%2Fauth%2Fprod'));
  });

  it('follows the API host override', () => {
    const req = createLoginRequest('EU', { HOMECONNECT_LOCAL_API_URL: 'http://127.0.0.1:9/' });
    assert.ok(req.authorizeUrl.startsWith('http://127.0.0.1:9/security/oauth/authorize?'));
  });
});

describe('parseRedirect', () => {
  it('reads the hcauth address', () => {
    assert.deepStrictEqual(parseRedirect('hcauth://auth/prod?code=abc-123_X&state=st8&grant_type=authorization_code'), {
      code: 'abc-123_X',
      state: 'st8',
    });
  });

  it('reads the https form, a fragment form, and URL-encoded codes', () => {
    assert.deepStrictEqual(parseRedirect('https://app.home-connect.com/auth/prod?code=a%2Fb%3D&state=s'), {
      code: 'a/b=',
      state: 's',
    });
    assert.deepStrictEqual(parseRedirect('hcauth://auth/prod#code=frag&state=s2'), { code: 'frag', state: 's2' });
    assert.deepStrictEqual(parseRedirect('code=only&state=s3'), { code: 'only', state: 's3' });
  });

  it('tolerates whitespace, quotes and line breaks around and inside', () => {
    assert.deepStrictEqual(parseRedirect('  "hcauth://auth/prod?code=abc&\n state=xyz"  \n'), { code: 'abc', state: 'xyz' });
    assert.deepStrictEqual(parseRedirect("'<hcauth://auth/prod?code=abc>'"), { code: 'abc' });
  });

  it('accepts a bare code, URL-decoded, without state', () => {
    assert.deepStrictEqual(parseRedirect('  Xy9-_.~ '), { code: 'Xy9-_.~' });
    assert.deepStrictEqual(parseRedirect('abc%2Bdef'), { code: 'abc+def' });
  });

  it('says so plainly when nothing usable is pasted, without echoing the input', () => {
    for (const bad of [
      '',
      '   ',
      'hcauth://auth/prod',
      'https://example.com/auth/prod?state=x',
      'not a code!',
      'hcauth://auth/prod?code=&state=s',
    ]) {
      const e = cloudError(() => parseRedirect(bad));
      assert.match(e.message, /does not contain a login code/);
    }
    const e = cloudError(() => parseRedirect('SECRETSECRET words here'));
    assert.ok(!e.message.includes('SECRETSECRET'));
  });

  it('reports an OAuth error in the address', () => {
    const e = cloudError(() => parseRedirect('hcauth://auth/prod?error=access_denied&state=s'));
    assert.match(e.message, /not completed.*access_denied/);
  });
});

describe('completeLogin error mapping (stubbed fetch)', () => {
  const env = { HOMECONNECT_LOCAL_API_URL: 'https://cloud.test', HOMECONNECT_LOCAL_ASSET_URL: 'https://assets.test' };

  function failingFetch(error: unknown): FetchLike {
    return async () => {
      throw error;
    };
  }

  async function loginError(fetch: FetchLike): Promise<HomeConnectError> {
    const req = createLoginRequest('EU', env);
    try {
      await completeLogin(req, `hcauth://auth/prod?code=THECODE&state=${req.state}`, { fetch, env, timeoutMs: 5000 });
    } catch (e) {
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'cloud');
      assert.ok(!e.message.includes('THECODE'));
      assert.ok(!e.message.includes(req.verifier));
      return e;
    }
    assert.fail('expected a rejection');
  }

  it('names DNS failures', async () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND cloud.test'), { code: 'ENOTFOUND' });
    const e = await loginError(failingFetch(new TypeError('fetch failed', { cause })));
    assert.strictEqual(e.message, 'Could not reach the Home Connect cloud at cloud.test: the host name could not be resolved (DNS)');
  });

  it('names timeouts', async () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const e = await loginError(failingFetch(timeout));
    assert.strictEqual(e.message, 'Could not reach the Home Connect cloud at cloud.test: no answer within 5 seconds');
  });

  it('names unreachable networks and certificate problems', async () => {
    let e = await loginError(
      failingFetch(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENETUNREACH' }) })),
    );
    assert.match(e.message, /cloud\.test: the network is unreachable$/);
    e = await loginError(
      failingFetch(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }) })),
    );
    assert.match(e.message, /certificate could not be verified \(CERT_HAS_EXPIRED\)/);
  });

  function answering(status: number, body: string): FetchLike {
    return async () => ({ status, arrayBuffer: async () => new Uint8Array(Buffer.from(body)).buffer });
  }

  it('explains malformed token answers', async () => {
    let e = await loginError(answering(200, '<html>'));
    assert.strictEqual(e.message, 'The Home Connect cloud at cloud.test sent a token answer that could not be read');
    e = await loginError(answering(200, JSON.stringify({ access_token: 'not-a-jwt' })));
    assert.match(e.message, /does not name an account/);
    assert.ok(!e.message.includes('not-a-jwt'));
  });

  it('explains other token endpoint statuses', async () => {
    let e = await loginError(answering(400, JSON.stringify({ error: 'invalid_client' })));
    assert.match(e.message, /rejected the login \(400 Bad Request, invalid_client\)/);
    assert.strictEqual(e.details?.status, 400);
    e = await loginError(answering(503, 'down'));
    assert.match(e.message, /answered 503 Service Unavailable while exchanging the login code; the cloud has a problem/);
  });
});

describe('cloud answers are bounded', () => {
  const http = (fetch: FetchLike) => ({ fetch, timeoutMs: 5000 });

  it('stops reading a body past the cap, while streaming, with a clear sentence', async () => {
    let produced = 0;
    let aborted = false;
    const fetch: FetchLike = async (_url, init) => {
      init.signal?.addEventListener('abort', () => (aborted = true));
      return {
        status: 200,
        body: (async function* () {
          // An endless body: only the cap ends it.
          for (;;) {
            produced += 1024 * 1024;
            yield new Uint8Array(1024 * 1024);
          }
        })(),
        arrayBuffer: async () => assert.fail('the body must be streamed'),
      };
    };
    await assert.rejects(getPairedAppliances(http(fetch), 'https://assets.test', 'acc', 'tok', 'EU'), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError && e.kind === 'cloud');
      assert.match(e.message, /assets\.test sent an answer larger than 8388608 bytes/);
      return true;
    });
    assert.ok(produced <= MAX_CLOUD_BODY_BYTES + 1024 * 1024, `read ${produced} bytes`);
    assert.ok(aborted, 'the request is aborted');
  });

  it('refuses a too large body from a stub without a stream', async () => {
    const big = new Uint8Array(MAX_CLOUD_BODY_BYTES + 1);
    const fetch: FetchLike = async () => ({ status: 200, arrayBuffer: async () => big.buffer });
    await assert.rejects(getPairedAppliances(http(fetch), 'https://assets.test', 'acc', 'tok', 'EU'), /larger than 8388608 bytes/);
  });

  it('reads the profile download with the bounded ZIP reader', async () => {
    const bomb = overlappingZip(2000);
    const fetch: FetchLike = async () => ({ status: 200, arrayBuffer: async () => new Uint8Array(bomb.data).buffer });
    await assert.rejects(getApplianceFiles(http(fetch), 'https://assets.test', 'HA1', 'tok', 'EU'), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError && e.kind === 'cloud');
      assert.match(e.message, /The profile ZIP for HA1 from assets\.test is not a readable ZIP file \(it declares 2000 entries/);
      return true;
    });
  });
});

describe('mergeRecords', () => {
  const base = (haId: string, extra: Partial<ApplianceRecord> = {}): ApplianceRecord => ({
    haId,
    name: 'dishwasher',
    brand: 'BOSCH',
    type: 'Dishwasher',
    vib: 'SMV',
    host: `BOSCH-Dishwasher-${haId}`,
    connectionType: 'TLS',
    key: 'old-key',
    ...extra,
  });

  it('keeps names and hosts, updates keys and XML, appends new appliances with unique names', () => {
    const existing = [
      base('1', { name: 'kitchen', host: '192.168.1.20', deviceDescription: '<old/>', features: { '1': { name: 'x' } } }),
      base('2', { name: 'dishwasher', host: '192.168.1.21', connectionType: 'AES', iv: 'old-iv' }),
    ];
    const fresh = [
      base('1', { key: 'new-key', deviceDescription: '<new/>', featureMapping: '<fm/>' }),
      base('2', { key: 'k2' }),
      base('3', { name: 'dishwasher' }),
    ];
    const merged = mergeRecords(existing, fresh);
    assert.deepStrictEqual(
      merged.map((r) => [r.haId, r.name, r.host, r.key]),
      [
        ['1', 'kitchen', '192.168.1.20', 'new-key'],
        ['2', 'dishwasher', '192.168.1.21', 'k2'],
        ['3', 'dishwasher-2', 'BOSCH-Dishwasher-3', 'old-key'],
      ],
    );
    assert.strictEqual(merged[0].deviceDescription, '<new/>');
    assert.strictEqual(merged[0].features, undefined);
    assert.strictEqual(merged[1].connectionType, 'TLS');
    assert.ok(!('iv' in merged[1]));
    assert.strictEqual(existing[0].key, 'old-key', 'inputs are not mutated');
  });

  it('leaves appliances not in the fresh list untouched', () => {
    const existing = [base('9', { name: 'oven' })];
    assert.deepStrictEqual(mergeRecords(existing, []), existing);
  });
});
