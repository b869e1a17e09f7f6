import * as assert from 'assert';
import * as crypto from 'crypto';
import fc from 'fast-check';
import { HomeConnectError } from '../../src/errors';
import { AesFrameCodec, CodecError } from '../../src/protocol/aes-frame-codec';
import { connectTransport, type TransportClose } from '../../src/protocol/client-transport';
import { startApplianceServer, type ApplianceServer, type ServerConnection } from '../../src/protocol/server-transport';

const KEY = crypto.randomBytes(32);
const IV = crypto.randomBytes(16);

type Injection =
  | { kind: 'flip'; pos: number; xor: number }
  | { kind: 'cut'; n: number }
  | { kind: 'extend'; bytes: Uint8Array }
  | { kind: 'random'; bytes: Uint8Array };

const injection: fc.Arbitrary<Injection> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), pos: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), n: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('extend' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 48 }) }),
  fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 400 }) }),
);

function forge(genuine: Buffer, inj: Injection): Buffer {
  switch (inj.kind) {
    case 'flip': {
      const b = Buffer.from(genuine);
      b[inj.pos % b.length] = b[inj.pos % b.length] ^ inj.xor;
      return b;
    }
    case 'cut':
      return genuine.subarray(0, Math.max(0, genuine.length - inj.n));
    case 'extend':
      return Buffer.concat([genuine, Buffer.from(inj.bytes)]);
    case 'random':
      return Buffer.from(inj.bytes);
  }
}

/**
 * Frame codec as a stream: forged frames injected anywhere in a chain are always refused
 * (never accepted, never a non-CodecError throw), and they do not disturb the chain, so
 * every genuine frame around them still decrypts to its message, in order. Then the real
 * client transport against random frames over loopback websockets.
 */
describe('fuzz: AES frame stream and client transport', function () {
  this.timeout(60_000);

  it('forged frames anywhere in a chain are refused; genuine frames keep decrypting in order', () => {
    const step = fc.tuple(fc.string({ maxLength: 300, unit: 'grapheme' }), fc.option(injection, { freq: 2 }));
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const appliance = new AesFrameCodec(KEY, IV, 'appliance');
        const client = new AesFrameCodec(KEY, IV, 'client');
        for (const [text, inj] of steps) {
          const genuine = appliance.encrypt(text);
          if (inj) {
            const forged = forge(genuine, inj);
            if (!forged.equals(genuine)) {
              assert.throws(
                () => client.decrypt(forged),
                (e: unknown) => e instanceof CodecError && (e.reason === 'length' || e.reason === 'mac'),
              );
            }
          }
          assert.strictEqual(client.decrypt(genuine).toString('utf8'), text);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a replayed or reordered genuine frame is refused (the MAC chain binds the order)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { minLength: 3, maxLength: 10 }), fc.nat(), (texts, k) => {
        const appliance = new AesFrameCodec(KEY, IV, 'appliance');
        const client = new AesFrameCodec(KEY, IV, 'client');
        const frames = texts.map((t) => appliance.encrypt(t));
        const i = k % (frames.length - 1);
        for (let j = 0; j < i; j++) client.decrypt(frames[j]);
        // frame i+1 before frame i
        assert.throws(() => client.decrypt(frames[i + 1]), { reason: 'mac' });
        assert.strictEqual(client.decrypt(frames[i]).toString(), texts[i]);
        // replay of frame i
        assert.throws(() => client.decrypt(frames[i]), { reason: 'mac' });
      }),
      { numRuns: 300 },
    );
  });

  for (const connectionType of ['TLS', 'AES'] as const) {
    describe(`${connectionType} client transport against random frames`, () => {
      let server: ApplianceServer;
      let current: ServerConnection | undefined;
      let arrived: (() => void) | undefined;
      before(async () => {
        server = await startApplianceServer({
          connectionType,
          key: KEY,
          ...(connectionType === 'AES' ? { iv: IV } : {}),
          onConnection: (c) => {
            current = c;
            arrived?.();
          },
        });
      });
      after(() => server.close());

      const frameArb = fc.oneof(
        fc.record({ binary: fc.constant(true), bytes: fc.uint8Array({ maxLength: 300 }) }),
        fc.record({ binary: fc.constant(false), bytes: fc.uint8Array({ maxLength: 300 }) }),
        fc.record({ binary: fc.constant(false), text: fc.string({ maxLength: 200 }) }),
      );

      it('any frame: a message, or exactly one close with a HomeConnectError; nothing thrown', async () => {
        await fc.assert(
          fc.asyncProperty(frameArb, fc.boolean(), async (f, afterGenuine) => {
            const t = connectTransport({
              host: `127.0.0.1:${server.port}`,
              connectionType,
              key: KEY,
              ...(connectionType === 'AES' ? { iv: IV } : {}),
            });
            const closes: TransportClose[] = [];
            const messages: string[] = [];
            t.on('message', (m) => messages.push(m));
            const closed = new Promise<void>((resolve) =>
              t.on('close', (c) => {
                closes.push(c);
                resolve();
              }),
            );
            const conn = await new Promise<ServerConnection>((resolve) => {
              arrived = () => resolve(current!);
            });
            await new Promise<void>((resolve) => (t.isOpen ? resolve() : t.once('open', () => resolve())));
            if (afterGenuine) {
              await conn.send('{"hello":1}');
              await waitUntil(() => messages.length === 1 || closes.length > 0);
            }
            const payload = 'text' in f ? f.text : Buffer.from(f.bytes);
            conn.sendRawFrame(payload, f.binary);
            await waitUntil(() => closes.length > 0 || messages.length > (afterGenuine ? 1 : 0), 2000);
            const failed = closes.length > 0;
            if (!failed) {
              t.close();
              await closed;
            }
            assert.strictEqual(closes.length, 1);
            if (failed) {
              const e = closes[0].error;
              assert.ok(e instanceof HomeConnectError, `close without a HomeConnectError: ${closes[0].reason}`);
              assert.ok(['protocol', 'auth-failed'].includes(e.kind), e.kind);
              if (e.kind === 'auth-failed')
                assert.ok(connectionType === 'AES' && !afterGenuine, 'auth-failed only for the first AES frame');
            } else {
              // Accepted: only possible for text that is valid UTF-8 on TLS.
              assert.strictEqual(connectionType, 'TLS');
            }
          }),
          { numRuns: 40 },
        );
      });
    });
  }
});

async function waitUntil(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check() && Date.now() - start < timeoutMs) await new Promise((r) => setTimeout(r, 2));
}
