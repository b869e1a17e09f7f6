import assert from 'assert';
import * as crypto from 'crypto';
import fc from 'fast-check';
import { AesFrameCodec, CodecError, deriveAesKeys, padLength } from '../../src/protocol/aes-frame-codec';
import { HomeConnectError } from '../../src/errors';

// protocol.md §2.6 known-answer vectors (filler fixed to 0xAA).
const PSK = Buffer.from('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8', 'base64url');
const IV = Buffer.from('EBESExQVFhcYGRobHB0eHw', 'base64url');
const APPLIANCE_PLAIN = '{"sID":1,"msgID":100,"resource":"/ei/initialValues","version":2,"action":"POST","data":[{"edMsgID":500}]}';
const APPLIANCE_FRAME =
  'e14405764ace299914aedb74856b2e884e48f39e455255224d7599b27cbce161f1a200805b083b19c9b723e97db1f64335a6ae3999c57045f462a7f3475b352dc636f247050e3f441c8ac5d8eee277f7097c233c65aab16310f6b5968918f6b3a7078bbe180b9e169eed12a5da45966b009c1841a213389f92fc7501a6fa6ea3';
const CLIENT_PLAIN_1 =
  '{"sID":1,"msgID":100,"resource":"/ei/initialValues","version":2,"action":"RESPONSE","data":[{"deviceType":"Application","deviceName":"test","deviceID":"0badcafe"}]}';
const CLIENT_FRAME_1 =
  'e14405764ace299914aedb74856b2e884e48f39e455255224d7599b27cbce161f1a200805b083b19c9b723e97db1f64335a6ae3999c57045f462a7f3475b352dfbf9e29dc90d8659b46518f1afe8e3c4e65fc60697b9081ae2304d0731ef713687f14510ca61ee9e5045d0670a6af631e41c859818cf9f4fbec706677d946e8f4777bbd50b6626ab5aee58f6a67b3e64bea3153e7d518f9af3ebf502370c283834b215bc55265a097280661eb58eb2d6b721a3727f38ecdd4fd02695925e8ffa';
const CLIENT_PLAIN_2 = '{"sID":1,"msgID":500,"resource":"/ci/services","version":1,"action":"GET"}';
const CLIENT_FRAME_2 =
  'a238076b8b2eeecadcb0e7ec86049f7782cd97f07f2a4325fce4481f535d338dc763b89b304970822109e6158350398694dae366b946d2559244ccc48d47a91e4686acaaaf636e3b6daa3b805e975ea65dc13efbd416e6cda130fbfa16e25db1';

const fixedFiller = { padFiller: (n: number) => Buffer.alloc(n, 0xaa) };
const client = () => new AesFrameCodec(PSK, IV, 'client', fixedFiller);
const appliance = () => new AesFrameCodec(PSK, IV, 'appliance', fixedFiller);

function codecFailure(reason: CodecError['reason']) {
  return (e: unknown) => e instanceof CodecError && e instanceof HomeConnectError && e.reason === reason && e.kind === 'protocol';
}

describe('AesFrameCodec (protocol.md §2)', () => {
  it('derives encKey and macKey as in §2.6', () => {
    const { encKey, macKey } = deriveAesKeys(PSK);
    assert.strictEqual(encKey.toString('hex'), '82d6e4e94325fe9c0d4f8cd7d4aae032fc9798062139d78df743092b0e174b01');
    assert.strictEqual(macKey.toString('hex'), '218031ac7e80cf358974a84bb6964f3b559e242fc203ca1ad11c8e48b788427c');
  });

  it('padding length table', () => {
    const table: Array<[number, number]> = [
      [0, 16],
      [1, 15],
      [2, 14],
      [14, 2],
      [15, 17],
      [16, 16],
      [17, 15],
      [30, 2],
      [31, 17],
      [32, 16],
      [105, 7],
      [164, 12],
      [74, 6],
    ];
    for (const [n, p] of table) assert.strictEqual(padLength(n), p, `padLength(${n})`);
    for (let n = 0; n < 200; n++) {
      const p = padLength(n);
      assert.ok(p >= 2 && p <= 17, `pad ${p} for ${n}`);
      assert.strictEqual((n + p) % 16, 0);
    }
  });

  it('appliance encrypts frame #1 exactly (direction C)', () => {
    assert.strictEqual(appliance().encrypt(APPLIANCE_PLAIN).toString('hex'), APPLIANCE_FRAME);
  });

  it('client encrypts frames #1 and #2 exactly (chain continues)', () => {
    const c = client();
    assert.strictEqual(c.encrypt(CLIENT_PLAIN_1).toString('hex'), CLIENT_FRAME_1);
    assert.strictEqual(c.encrypt(Buffer.from(CLIENT_PLAIN_2)).toString('hex'), CLIENT_FRAME_2);
  });

  it('client decrypts the appliance frame; appliance decrypts both client frames in order', () => {
    assert.strictEqual(client().decrypt(Buffer.from(APPLIANCE_FRAME, 'hex')).toString('utf8'), APPLIANCE_PLAIN);
    const a = new AesFrameCodec(PSK, IV, 'appliance'); // filler does not matter for decrypting
    assert.strictEqual(a.decrypt(Buffer.from(CLIENT_FRAME_1, 'hex')).toString('utf8'), CLIENT_PLAIN_1);
    assert.strictEqual(a.decrypt(Buffer.from(CLIENT_FRAME_2, 'hex')).toString('utf8'), CLIENT_PLAIN_2);
  });

  it('frame #2 does not verify out of order (chain continuity)', () => {
    assert.throws(() => new AesFrameCodec(PSK, IV, 'appliance').decrypt(Buffer.from(CLIENT_FRAME_2, 'hex')), codecFailure('mac'));
  });

  it('a frame only verifies in the opposite role (direction letters)', () => {
    assert.throws(() => new AesFrameCodec(PSK, IV, 'appliance').decrypt(Buffer.from(APPLIANCE_FRAME, 'hex')), codecFailure('mac'));
    assert.throws(() => client().decrypt(Buffer.from(CLIENT_FRAME_1, 'hex')), codecFailure('mac'));
  });

  it('random filler: frames differ from the fixed-filler vector only in the pad block, and still decrypt', () => {
    const c = new AesFrameCodec(PSK, IV, 'client');
    const f = c.encrypt(CLIENT_PLAIN_1);
    assert.strictEqual(f.length, 192);
    // 164 bytes = 10 whole blocks before the pad starts: they are identical.
    assert.strictEqual(f.subarray(0, 160).toString('hex'), CLIENT_FRAME_1.slice(0, 320));
    assert.strictEqual(new AesFrameCodec(PSK, IV, 'appliance').decrypt(f).toString(), CLIENT_PLAIN_1);
  });

  it('empty and block-aligned plaintexts round-trip', () => {
    const c = new AesFrameCodec(PSK, IV, 'client');
    const a = new AesFrameCodec(PSK, IV, 'appliance');
    for (const n of [0, 1, 14, 15, 16, 31, 32, 4096]) {
      const p = crypto.randomBytes(n);
      const f = c.encrypt(p);
      assert.strictEqual(f.length, n + padLength(n) + 16);
      assert.deepStrictEqual(a.decrypt(f), p);
    }
  });

  it('tampered, truncated, misaligned frames → CodecError', () => {
    const frame = Buffer.from(APPLIANCE_FRAME, 'hex');
    for (let i = 0; i < frame.length; i += 7) {
      const t = Buffer.from(frame);
      t[i] = t[i] ^ 0x01;
      assert.throws(() => client().decrypt(t), codecFailure('mac'), `byte ${i}`);
    }
    assert.throws(() => client().decrypt(frame.subarray(0, 112)), codecFailure('mac')); // block-aligned truncation
    assert.throws(() => client().decrypt(frame.subarray(0, 127)), codecFailure('length'));
    assert.throws(() => client().decrypt(frame.subarray(0, 16)), codecFailure('length'));
    assert.throws(() => client().decrypt(Buffer.alloc(0)), codecFailure('length'));
    assert.throws(() => client().decrypt(Buffer.concat([frame, Buffer.from([0])])), codecFailure('length'));
  });

  it('a rejected frame leaves the receive chain intact', () => {
    const c = client();
    const bad = Buffer.from(APPLIANCE_FRAME, 'hex');
    bad[bad.length - 1] = bad[bad.length - 1] ^ 0x80;
    assert.throws(() => c.decrypt(bad), codecFailure('mac'));
    assert.strictEqual(c.decrypt(Buffer.from(APPLIANCE_FRAME, 'hex')).toString(), APPLIANCE_PLAIN);
  });

  it('bad padding with a valid tag → CodecError padding', () => {
    const { encKey, macKey } = deriveAesKeys(PSK);
    for (const lastByte of [0, 1, 33, 255]) {
      const padded = Buffer.alloc(32, 0x41);
      padded[31] = lastByte;
      const ct = crypto.createCipheriv('aes-256-cbc', encKey, IV).setAutoPadding(false).update(padded);
      const tag = crypto
        .createHmac('sha256', macKey)
        .update(Buffer.concat([IV, Buffer.from('C'), Buffer.alloc(16), ct]))
        .digest()
        .subarray(0, 16);
      assert.throws(() => client().decrypt(Buffer.concat([ct, tag])), codecFailure('padding'), `pad byte ${lastByte}`);
    }
  });

  it('rejects keys and ivs of the wrong size without echoing them', () => {
    assert.throws(
      () => new AesFrameCodec(Buffer.alloc(16), IV, 'client'),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation' && !e.message.includes('00'),
    );
    assert.throws(
      () => new AesFrameCodec(PSK, Buffer.alloc(12), 'client'),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation',
    );
  });

  it('decryptToString gives the §2.6 texts and fails the same way as decrypt', () => {
    assert.strictEqual(client().decryptToString(Buffer.from(APPLIANCE_FRAME, 'hex')), APPLIANCE_PLAIN);
    const a = new AesFrameCodec(PSK, IV, 'appliance');
    assert.strictEqual(a.decryptToString(Buffer.from(CLIENT_FRAME_1, 'hex')), CLIENT_PLAIN_1);
    assert.strictEqual(a.decryptToString(Buffer.from(CLIENT_FRAME_2, 'hex')), CLIENT_PLAIN_2);
    const bad = Buffer.from(APPLIANCE_FRAME, 'hex');
    bad[3] = bad[3] ^ 0x04;
    const c = client();
    assert.throws(() => c.decryptToString(bad), codecFailure('mac'));
    assert.throws(() => c.decryptToString(bad.subarray(0, 40)), codecFailure('length'));
    assert.strictEqual(c.decryptToString(Buffer.from(APPLIANCE_FRAME, 'hex')), APPLIANCE_PLAIN);
  });

  it('property: decryptToString = strict UTF-8 decoding (undefined when invalid), U+FFFD included', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const expected = (p: Buffer): string | undefined => {
      try {
        return strict.decode(p);
      } catch {
        return undefined;
      }
    };
    const c = new AesFrameCodec(PSK, IV, 'client');
    const a = new AesFrameCodec(PSK, IV, 'appliance');
    const fffd = Buffer.from('\ufffd');
    const payloads = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u)),
      fc.string({ maxLength: 100, unit: 'grapheme' }).map((t) => Buffer.from(t)),
      // valid text with a real U+FFFD, optionally followed by a broken sequence
      fc
        .tuple(
          fc.string({ maxLength: 40 }),
          fc.boolean(),
          fc.constantFrom([0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xff]),
        )
        .map(([t, broken, seq]) => Buffer.concat([Buffer.from(t), fffd, broken ? Buffer.from(seq) : Buffer.alloc(0)])),
    );
    fc.assert(
      fc.property(payloads, (p) => {
        assert.strictEqual(a.decryptToString(c.encrypt(p)), expected(p));
      }),
      { numRuns: 3000 },
    );
    for (const p of ['\ufeff{"a":1}', '\ufeff\ufeffx', '\ufeff', 'x\ufeff', '\ufeff\ufffd']) {
      assert.strictEqual(a.decryptToString(c.encrypt(p)), expected(Buffer.from(p)), JSON.stringify(p));
    }
  });

  it('frames larger than the reused staging buffers round-trip, and the chain continues after them', () => {
    const c = new AesFrameCodec(PSK, IV, 'client');
    const a = new AesFrameCodec(PSK, IV, 'appliance');
    for (const n of [10, 700, 5000, 16_384, 16_400, 100_000, 20, 70_000, 3]) {
      const p = crypto.randomBytes(n);
      assert.deepStrictEqual(a.decrypt(c.encrypt(p)), p, `client → appliance, ${n} bytes`);
      assert.deepStrictEqual(c.decrypt(a.encrypt(p)), p, `appliance → client, ${n} bytes`);
    }
    // A forged large frame is rejected without advancing the chain.
    const big = c.encrypt(crypto.randomBytes(50_000));
    const forged = Buffer.from(big);
    forged[100] = forged[100] ^ 1;
    assert.throws(() => a.decrypt(forged), codecFailure('mac'));
    assert.strictEqual(a.decrypt(big).length, 50_000);
    assert.strictEqual(a.decryptToString(c.encrypt('after')), 'after');
  });

  it('property: random plaintexts round-trip across a long chain in both directions', () => {
    const c = new AesFrameCodec(PSK, IV, 'client');
    const a = new AesFrameCodec(PSK, IV, 'appliance');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), fc.string({ maxLength: 200, unit: 'grapheme' }), (bytes, text) => {
        const p = Buffer.from(bytes);
        assert.deepStrictEqual(a.decrypt(c.encrypt(p)), p);
        assert.strictEqual(c.decrypt(a.encrypt(text)).toString('utf8'), text);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: decrypt of random or mutated frames throws only CodecError', () => {
    const a = new AesFrameCodec(PSK, IV, 'appliance');
    const valid = [CLIENT_FRAME_1, CLIENT_FRAME_2, APPLIANCE_FRAME].map((h) => Buffer.from(h, 'hex'));
    const frames = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u)),
      fc
        .integer({ min: 2, max: 20 })
        .chain((blocks) => fc.uint8Array({ minLength: blocks * 16, maxLength: blocks * 16 }).map((u) => Buffer.from(u))),
      fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat({ max: 40 })).map(([f, pos, x, cut]) => {
        const m = Buffer.from(f);
        m[pos % m.length] = m[pos % m.length] ^ x;
        return m.subarray(0, Math.max(0, m.length - cut));
      }),
    );
    fc.assert(
      fc.property(frames, (frame) => {
        try {
          a.decrypt(frame);
        } catch (e) {
          if (!(e instanceof CodecError)) throw e;
        }
      }),
      { numRuns: 5000 },
    );
    // The chain was never advanced by garbage: the real first client frame still verifies.
    assert.strictEqual(a.decrypt(valid[0]).toString(), CLIENT_PLAIN_1);
  });
});
