import assert from 'assert';
import * as crypto from 'crypto';
import * as net from 'net';
import * as http from 'http';
import * as tls from 'tls';
import { connectTransport, PSK_CIPHERS, type ClientTransport, type TransportClose } from '../../src/protocol/client-transport';
import {
  startApplianceServer,
  type ApplianceServer,
  type ApplianceServerOptions,
  type ServerConnection,
} from '../../src/protocol/server-transport';
import { CodecError } from '../../src/protocol/aes-frame-codec';
import { HomeConnectError } from '../../src/errors';
import type { ConnectionType } from '../../src/profile/types';
import { selfSignedCertificate } from '../support/self-signed';

const KEY = crypto.randomBytes(32);
const IV = crypto.randomBytes(16);
const OTHER_KEY = crypto.randomBytes(32);
const OTHER_IV = crypto.randomBytes(16);

describe('client and server transports (127.0.0.1)', function () {
  const servers: ApplianceServer[] = [];
  const clients: ClientTransport[] = [];
  const rawServers: net.Server[] = [];
  const rawSockets = new Set<net.Socket>();

  afterEach(async () => {
    for (const c of clients.splice(0)) c.terminate();
    for (const s of rawSockets) s.destroy();
    rawSockets.clear();
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await Promise.all(rawServers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  async function serve(o: Partial<ApplianceServerOptions> & Pick<ApplianceServerOptions, 'connectionType'>): Promise<ApplianceServer> {
    const s = await startApplianceServer({ key: KEY, iv: IV, onConnection: () => undefined, ...o });
    servers.push(s);
    return s;
  }

  function connect(
    server: { port: number } | number,
    o: { type: ConnectionType; key?: Buffer; iv?: Buffer; host?: string; connectTimeoutMs?: number },
  ): ClientTransport {
    const port = typeof server === 'number' ? server : server.port;
    const t = connectTransport({
      host: o.host ?? `127.0.0.1:${port}`,
      connectionType: o.type,
      key: o.key ?? KEY,
      ...(o.type === 'AES' ? { iv: o.iv ?? IV } : {}),
      ...(o.connectTimeoutMs ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
    });
    clients.push(t);
    return t;
  }

  /** Resolves with the close info; fails the test if close fires twice. */
  function closed(t: ClientTransport): Promise<TransportClose> {
    let count = 0;
    return new Promise((resolve) =>
      t.on('close', (info) => {
        count++;
        assert.strictEqual(count, 1, 'close emitted more than once');
        resolve(info);
      }),
    );
  }

  const opened = (t: ClientTransport) =>
    new Promise<void>((resolve, reject) => {
      t.once('open', resolve);
      t.once('close', (i) => reject(new Error(`closed before open: ${i.reason}`)));
    });

  function echo(conn: ServerConnection): void {
    conn.on('message', (text) => void conn.send(`echo:${text}`).catch(() => undefined));
  }

  for (const type of ['TLS', 'AES'] as const) {
    describe(type, () => {
      it('echo round trip: many messages arrive in order, both ways', async () => {
        const serverGot: string[] = [];
        const server = await serve({
          connectionType: type,
          onConnection: (conn) => {
            conn.on('message', (t) => serverGot.push(t));
            echo(conn);
          },
        });
        assert.match(server.url, new RegExp(`^${type === 'TLS' ? 'wss' : 'ws'}://127\\.0\\.0\\.1:\\d+/homeconnect$`));
        const t = connect(server, { type });
        await opened(t);
        assert.strictEqual(t.isOpen, true);
        const got: string[] = [];
        const all = new Promise<void>((resolve) =>
          t.on('message', (m) => {
            got.push(m);
            if (got.length === 301) resolve();
          }),
        );
        const sent: string[] = [];
        const sends: Promise<void>[] = [];
        for (let i = 0; i < 300; i++) {
          // sizes 0..~2000 bytes, including multi-byte UTF-8 and block-aligned lengths
          const text = JSON.stringify({ i, pad: 'ä€'.repeat(i % 7) + 'x'.repeat((i * 37) % 2000) });
          sent.push(text);
          sends.push(t.send(text));
        }
        sends.push(t.send(''));
        sent.push('');
        await Promise.all(sends);
        await all;
        assert.deepStrictEqual(
          got,
          sent.map((s) => `echo:${s}`),
        );
        assert.deepStrictEqual(serverGot, sent);
      });

      it('wrong key → auth-failed', async () => {
        const server = await serve({
          connectionType: type,
          // Like a real appliance, the AES side speaks first (/ei/initialValues).
          onConnection: (conn) => void conn.send('{"action":"POST","resource":"/ei/initialValues"}').catch(() => undefined),
        });
        const t = connect(server, { type, key: OTHER_KEY });
        const info = await closed(t);
        assert.ok(info.error instanceof HomeConnectError);
        assert.strictEqual(info.error.kind, 'auth-failed', info.reason);
        if (type === 'TLS') assert.match(info.reason, /refused the TLS-PSK handshake with the stored key: the key is wrong/);
        else assert.match(info.reason, /the key or iv is wrong/);
        assert.doesNotMatch(info.reason, /not a Home Connect appliance/);
        assert.ok(!info.reason.includes(OTHER_KEY.toString('hex')) && !info.reason.includes(OTHER_KEY.toString('base64url')));
        assert.strictEqual(t.isOpen, false);
      });

      it('upgrade answered 404 → protocol error naming both causes: not the appliance, or a stuck server', async () => {
        const server = await serve({ connectionType: type, onUpgrade: () => 404 });
        const t = connect(server, { type });
        const info = await closed(t);
        assert.strictEqual(info.error?.kind, 'protocol');
        assert.match(info.reason, /not accepting connections/);
        assert.match(info.reason, /not the appliance \(check its IP address\)/);
        assert.match(info.reason, /local server is stuck.*power-cycled/);
        assert.strictEqual(info.error?.details?.status, 404);
      });

      it('upgrade answered 503 → protocol error with the status', async () => {
        const server = await serve({ connectionType: type, onUpgrade: () => 503 });
        const info = await closed(connect(server, { type }));
        assert.strictEqual(info.error?.kind, 'protocol');
        assert.strictEqual(info.error?.details?.status, 503);
        assert.match(info.reason, /HTTP 503/);
        assert.doesNotMatch(info.reason, /power-cycle/);
      });

      it('nothing listening → offline', async () => {
        const port = await freePort();
        const info = await closed(connect(port, { type }));
        assert.strictEqual(info.error?.kind, 'offline');
        assert.match(info.reason, /ECONNREFUSED/);
      });

      it('server that accepts TCP but never answers → offline after the connect timeout', async () => {
        const silent = net.createServer((s) => {
          s.on('error', () => undefined);
          rawSockets.add(s);
        });
        rawServers.push(silent);
        await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
        const t = connect((silent.address() as net.AddressInfo).port, { type, connectTimeoutMs: 300 });
        const info = await closed(t);
        assert.strictEqual(info.error?.kind, 'offline');
        assert.match(info.reason, /within 300 ms/);
        if (type === 'TLS') assert.match(info.reason, /TLS handshake did not complete/);
      });

      it('frames over 1 MiB: refused on send (connection stays usable) and fatal on receive', async () => {
        let server!: ServerConnection;
        const srv = await serve({
          connectionType: type,
          onConnection: (conn) => {
            server = conn;
            echo(conn);
          },
        });
        const t = connect(srv, { type });
        await opened(t);
        await assert.rejects(t.send('x'.repeat(1024 * 1024 + 1)), (e: unknown) => e instanceof HomeConnectError && e.kind === 'protocol');
        const back = new Promise<string>((r) => t.once('message', r));
        await t.send('still fine');
        assert.strictEqual(await back, 'echo:still fine');
        const closing = closed(t);
        server.sendRawFrame(type === 'TLS' ? 'y'.repeat(1024 * 1024 + 10) : crypto.randomBytes(1024 * 1024 + 16), type === 'AES');
        const info = await closing;
        assert.strictEqual(info.error?.kind, 'protocol');
        assert.match(info.reason, /larger than/);
      });

      it('ping → pong; a stalled server (autoPong off) does not answer', async () => {
        let conn!: ServerConnection;
        const srv = await serve({
          connectionType: type,
          onConnection: (c) => {
            conn = c;
            echo(c);
          },
        });
        const t = connect(srv, { type });
        await opened(t);
        let pongs = 0;
        t.on('pong', () => pongs++);
        // The server answers a ping before it handles the message sent after it, so the
        // pong (if any) is always on the wire ahead of the echo.
        const roundTrip = async (text: string) => {
          const back = new Promise<string>((r) => t.once('message', r));
          t.ping();
          await t.send(text);
          assert.strictEqual(await back, `echo:${text}`);
        };
        await roundTrip('a');
        assert.strictEqual(pongs, 1);
        conn.autoPong = false;
        await roundTrip('b');
        assert.strictEqual(pongs, 1);
        assert.strictEqual(conn.remoteAddress, '127.0.0.1');
      });

      it('send before open and after close rejects with not-connected; close is emitted once, without error', async () => {
        const srv = await serve({ connectionType: type });
        const t = connect(srv, { type });
        await assert.rejects(t.send('early'), (e: unknown) => e instanceof HomeConnectError && e.kind === 'not-connected');
        await opened(t);
        const info = closed(t);
        t.close();
        t.close();
        const i = await info;
        assert.strictEqual(i.error, undefined);
        assert.strictEqual(i.code, 1000);
        t.terminate(); // a second close event would fail closed()'s assertion
        t.close();
        await new Promise((r) => setImmediate(r));
        await assert.rejects(t.send('late'), (e: unknown) => e instanceof HomeConnectError && e.kind === 'not-connected');
      });

      it('appliance closing normally → close without error; dropping the socket → offline', async () => {
        const conns: ServerConnection[] = [];
        const srv = await serve({ connectionType: type, onConnection: (c) => conns.push(c) });
        const a = connect(srv, { type });
        await opened(a);
        const ca = closed(a);
        conns[0].close(1000, 'bye');
        const ia = await ca;
        assert.strictEqual(ia.error, undefined);
        assert.strictEqual(ia.code, 1000);
        assert.match(ia.reason, /bye/);

        const b = connect(srv, { type });
        await opened(b);
        const cb = closed(b);
        conns[1].terminate();
        assert.strictEqual((await cb).error?.kind, 'offline');
        assert.strictEqual(srv.connections.size, 0);
      });
    });
  }

  it('close() while connecting ends without an error', async () => {
    const srv = await serve({ connectionType: 'TLS' });
    const t = connect(srv, { type: 'TLS' });
    const info = closed(t);
    t.close();
    const i = await info;
    assert.strictEqual(i.error, undefined);
    assert.strictEqual(t.isOpen, false);
  });

  it('TLS: invalid UTF-8 text frame → protocol', async () => {
    const srv = await serve({ connectionType: 'TLS', onConnection: (c) => c.sendRawFrame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false) });
    const info = await closed(connect(srv, { type: 'TLS' }));
    assert.strictEqual(info.error?.kind, 'protocol');
  });

  describe('TLS client against an ordinary certificate-based TLS server (a router or NAS at the old address)', () => {
    const { key, cert } = selfSignedCertificate();
    for (const [label, versions] of [
      ['TLS 1.2/1.3 with a certificate', {}],
      ['TLS 1.1 at most', { minVersion: 'TLSv1', maxVersion: 'TLSv1.1' }],
      ['TLS 1.3 only', { minVersion: 'TLSv1.3' }],
    ] as const) {
      it(`${label} → "not a Home Connect appliance", not auth-failed`, async () => {
        const server = tls.createServer({ key, cert, ...versions }, (socket) => socket.end());
        rawServers.push(server);
        server.on('secureConnection', (socket) => rawSockets.add(socket));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const port = (server.address() as net.AddressInfo).port;
        const info = await closed(connect(port, { type: 'TLS' }));
        assert.strictEqual(info.error?.kind, 'protocol', info.reason);
        assert.strictEqual(info.error?.details?.reason, 'not-an-appliance');
        assert.match(info.reason, new RegExp(`address 127\\.0\\.0\\.1:${port} .*not a Home Connect appliance`));
        assert.match(info.reason, /Check the appliance's IP address/);
        assert.doesNotMatch(info.reason, /key is/);
      });
    }

    it('a PSK server with another key is still auth-failed (the key is wrong)', async () => {
      const server = tls.createServer({
        ciphers: PSK_CIPHERS,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        pskCallback: () => OTHER_KEY,
      });
      rawServers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const info = await closed(connect((server.address() as net.AddressInfo).port, { type: 'TLS' }));
      assert.strictEqual(info.error?.kind, 'auth-failed', info.reason);
      assert.match(info.reason, /the key is wrong/);
    });
  });

  it('TLS client against a plain AES endpoint → protocol error about the connection type', async () => {
    const srv = await serve({ connectionType: 'AES' });
    const info = await closed(connect(srv, { type: 'TLS' }));
    assert.strictEqual(info.error?.kind, 'protocol', info.reason);
    assert.match(info.reason, /connection type/);
  });

  describe('AES specifics', () => {
    it('wrong iv → auth-failed on the first frame', async () => {
      const srv = await serve({ connectionType: 'AES', onConnection: (c) => void c.send('{"hello":1}').catch(() => undefined) });
      const info = await closed(connect(srv, { type: 'AES', iv: OTHER_IV }));
      assert.strictEqual(info.error?.kind, 'auth-failed');
    });

    it('mid-session mis-tagged frame → protocol close after the good messages', async () => {
      const srv = await serve({
        connectionType: 'AES',
        onConnection: (c) => {
          void c.send('first').catch(() => undefined);
          void c.send('second').catch(() => undefined);
          c.sendMisTagged('third');
          void c.send('never delivered').catch(() => undefined);
        },
      });
      const t = connect(srv, { type: 'AES' });
      const got: string[] = [];
      t.on('message', (m) => got.push(m));
      const info = await closed(t);
      assert.deepStrictEqual(got, ['first', 'second']);
      assert.strictEqual(info.error?.kind, 'protocol');
      assert.strictEqual(info.error?.details?.reason, 'mac');
    });

    it('garbage binary frame after a good one → protocol; text frame on AES → protocol', async () => {
      for (const bad of [crypto.randomBytes(64), 'plain text']) {
        const srv = await serve({
          connectionType: 'AES',
          onConnection: (c) => {
            void c.send('ok').catch(() => undefined);
            c.sendRawFrame(bad);
          },
        });
        const info = await closed(connect(srv, { type: 'AES' }));
        assert.strictEqual(info.error?.kind, 'protocol', String(bad));
      }
    });

    it('server reports an undecryptable client frame as CodecError and closes the socket', async () => {
      const errors: unknown[] = [];
      const srv = await serve({ connectionType: 'AES', onConnection: (c) => c.on('error', (e) => errors.push(e)) });
      const t = connect(srv, { type: 'AES', key: OTHER_KEY });
      await opened(t);
      const info = closed(t);
      await t.send('hello with the wrong key');
      assert.strictEqual((await info).error?.kind, 'offline');
      assert.strictEqual(errors.length, 1);
      assert.ok(errors[0] instanceof CodecError && errors[0].reason === 'mac');
    });

    it('a fresh connection restarts both chains', async () => {
      const srv = await serve({ connectionType: 'AES', onConnection: echo });
      for (let round = 0; round < 3; round++) {
        const t = connect(srv, { type: 'AES' });
        await opened(t);
        const back = new Promise<string>((r) => t.once('message', r));
        await t.send(`round ${round}`);
        assert.strictEqual(await back, `echo:round ${round}`);
        const c = closed(t);
        t.close();
        await c;
      }
    });
  });

  describe('server', () => {
    it('answers 404 for other paths and plain requests', async () => {
      const srv = await serve({ connectionType: 'AES' });
      const status = await new Promise<number>((resolve, reject) =>
        http
          .get({ host: '127.0.0.1', port: srv.port, path: '/other' }, (res) => (res.resume(), resolve(res.statusCode ?? 0)))
          .on('error', reject),
      );
      assert.strictEqual(status, 404);
      const upgrade = await new Promise<number>((resolve, reject) => {
        const req = http.get({
          host: '127.0.0.1',
          port: srv.port,
          path: '/elsewhere',
          headers: {
            Connection: 'Upgrade',
            Upgrade: 'websocket',
            'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64'),
          },
        });
        req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
        req.on('upgrade', () => reject(new Error('upgraded on a wrong path')));
        req.on('error', reject);
      });
      assert.strictEqual(upgrade, 404);
    });

    it('rejects bad keys before listening', async () => {
      await assert.rejects(
        startApplianceServer({ connectionType: 'AES', key: KEY, onConnection: () => undefined }),
        (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation',
      );
      assert.throws(
        () => connectTransport({ host: '127.0.0.1', connectionType: 'TLS', key: Buffer.alloc(5) }),
        (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation',
      );
      assert.throws(
        () => connectTransport({ host: 'not a host', connectionType: 'TLS', key: KEY }),
        (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation',
      );
    });
  });

  describe('IPv6 loopback', () => {
    for (const type of ['TLS', 'AES'] as const) {
      it(`${type} over [::1]`, async function () {
        if (!(await ipv6Available())) {
          console.log('      (skipped: no IPv6 loopback on this machine)');
          this.skip();
        }
        const srv = await serve({ connectionType: type, host: '::1', onConnection: echo });
        assert.match(srv.url, /^wss?:\/\/\[::1\]:\d+\/homeconnect$/);
        const t = connect(srv, { type, host: `[::1]:${srv.port}` });
        await opened(t);
        const back = new Promise<string>((r) => t.once('message', r));
        await t.send('v6');
        assert.strictEqual(await back, 'echo:v6');
      });
    }
  });
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function ipv6Available(): Promise<boolean> {
  const s = net.createServer();
  return new Promise((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}
