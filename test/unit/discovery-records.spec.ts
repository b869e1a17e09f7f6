import * as assert from 'assert';
import { DiscoveryCollector, applianceTxt, hostPortOf, parseApplianceTxt } from '../../src/discovery';

const SERVICE = '_homeconnect._tcp.local';
/** Real-shaped TXT of a TLS dishwasher (fields and order as appliances publish them). */
const REAL_TXT = [
  'txtvers=1',
  'vers=5.4-3.11.4.1',
  'id=SIEMENS-SN658X06TE-68A40E000001',
  'mac=68-A4-0E-00-00-01',
  'brand=SIEMENS',
  'type=Dishwasher',
  'vib=SN658X06TE',
  'info=',
  'tls=true',
].map((t) => Buffer.from(t));

describe('mDNS TXT records of appliances', () => {
  it('reads a real-shaped TLS record (Buffers as DNS libraries give them)', () => {
    assert.deepStrictEqual(parseApplianceTxt(REAL_TXT), {
      haId: 'SIEMENS-SN658X06TE-68A40E000001',
      tls: true,
      brand: 'SIEMENS',
      type: 'Dishwasher',
      vib: 'SN658X06TE',
      mac: '68-A4-0E-00-00-01',
      vers: '5.4-3.11.4.1',
    });
  });

  it('an AES appliance has no tls key; keys are case-insensitive and the first occurrence counts', () => {
    const t = parseApplianceTxt(['ID=013110426187000262', 'Brand=NEFF', 'brand=EVIL', 'type=Oven']);
    assert.deepStrictEqual(t, { haId: '013110426187000262', tls: false, brand: 'NEFF', type: 'Oven' });
  });

  it('skips malformed records instead of throwing', () => {
    const junk: unknown[] = [
      undefined,
      null,
      42,
      ['txtvers=1', 'brand=BOSCH'], // no id
      ['id='], // empty id
      ['id=../../etc/passwd'],
      ['id=has space'],
      [Buffer.from([0x69, 0x64, 0x3d, 0xff, 0xfe, 0x00])], // id with binary junk
      [`id=${'A'.repeat(300)}`], // longer than a TXT string may be
      Array.from({ length: 40 }, (_, i) => `k${i}=v`), // too many entries
      [{ id: 'x' }], // not a string
    ];
    for (const j of junk) assert.strictEqual(parseApplianceTxt(j), undefined, JSON.stringify(j));
    // a junk field is dropped, the record kept
    assert.deepStrictEqual(parseApplianceTxt(['id=HAID1', 'brand=\u0007bell', `vib=${'x'.repeat(80)}`]), { haId: 'HAID1', tls: false });
  });

  it('the simulator writes the same layout back', () => {
    const txt = applianceTxt({ haId: 'X1', brand: 'BOSCH', type: 'Hood', vib: 'DWK98PR60', mac: '68-A4-0E-00-00-02', tls: false });
    assert.deepStrictEqual(txt, [
      'txtvers=1',
      'vers=5.4-3.11.4.1',
      'id=X1',
      'mac=68-A4-0E-00-00-02',
      'brand=BOSCH',
      'type=Hood',
      'vib=DWK98PR60',
      'info=',
    ]);
    assert.strictEqual(parseApplianceTxt(txt)?.haId, 'X1');
  });
});

describe('mDNS discovery collector', () => {
  const instance = `siemens-sn658x06te-68a40e000001.${SERVICE}`;
  const target = 'siemens-sn658x06te-68a40e000001.local';

  it('pieces PTR, SRV, TXT and A records from separate packets together', () => {
    const c = new DiscoveryCollector();
    assert.deepStrictEqual(c.add([{ name: SERVICE, type: 'PTR', data: instance }]), []);
    assert.deepStrictEqual(
      c.missing().map((q) => q.type),
      ['SRV', 'TXT'],
    );
    assert.deepStrictEqual(
      c.add([
        { name: instance, type: 'SRV', data: { port: 443, target } },
        { name: instance, type: 'TXT', data: REAL_TXT },
      ]),
      [],
    );
    const [a] = c.add(
      [
        { name: target, type: 'A', data: '192.0.2.23' },
        { name: target, type: 'AAAA', data: 'fe80::1' },
      ],
      1000,
    );
    assert.ok(a);
    assert.deepStrictEqual(
      { haId: a.haId, host: a.host, port: a.port, transport: a.transport, addresses: a.addresses, lastSeen: a.lastSeen },
      {
        haId: 'SIEMENS-SN658X06TE-68A40E000001',
        host: '192.0.2.23',
        port: 443,
        transport: 'tls',
        addresses: ['192.0.2.23', 'fe80::1'],
        lastSeen: 1000,
      },
    );
    assert.strictEqual(hostPortOf(a), '192.0.2.23:443');
    assert.strictEqual(hostPortOf({ host: 'fe80::1', port: 80 }), '[fe80::1]:80');
    // the same answers again: nothing new; a new address: reported again, newest first
    assert.deepStrictEqual(c.add([{ name: target, type: 'A', data: '192.0.2.23' }]), []);
    const [moved] = c.add([{ name: target, type: 'A', data: '192.0.2.99' }]);
    assert.strictEqual(moved?.host, '192.0.2.99');
  });

  it('skips malformed records with a debug line and keeps going', () => {
    const lines: string[] = [];
    const c = new DiscoveryCollector((l) => lines.push(l));
    const found = c.add([
      { name: SERVICE, type: 'PTR', data: instance },
      { name: instance, type: 'SRV', data: { port: 0, target } },
      { name: instance, type: 'TXT', data: ['brand=X'] },
      { name: target, type: 'A', data: 'not-an-ip' },
      { name: 42, type: 'A', data: '192.0.2.1' },
      { name: `other.${SERVICE}`, type: 'PTR', data: 'elsewhere.example' },
    ]);
    assert.deepStrictEqual(found, []);
    assert.strictEqual(lines.length, 3, lines.join('\n'));
    assert.ok(lines.every((l) => /^mDNS: skipped a malformed (SRV|TXT|A) record/.test(l)));
  });

  it('bounds the services it keeps', () => {
    const lines: string[] = [];
    const c = new DiscoveryCollector((l) => lines.push(l));
    c.add(Array.from({ length: 300 }, (_, i) => ({ name: SERVICE, type: 'PTR', data: `a${i}.${SERVICE}` })));
    assert.strictEqual(lines.filter((l) => /more than 256 services/.test(l)).length, 44);
  });
});
