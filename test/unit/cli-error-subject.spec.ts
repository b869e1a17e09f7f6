/** CLI error lines say which appliance once, then "the appliance". */
import assert from 'assert';
import { aboutIt, nameOnce } from '../../src/cli/error-subject';
import type { ApplianceRecord } from '../../src/profile/types';
import { demoDishwasher } from '../../src/simulator/demo-profiles';

const record: ApplianceRecord = { ...demoDishwasher, host: '10.0.0.5' };
const label = `${record.name} (${record.haId})`;
const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('cli: the appliance is named once per line', () => {
  it('aboutIt: the reason after "Could not connect to <label> at <host>" refers back to it', () => {
    assert.strictEqual(
      aboutIt('The appliance at 10.0.0.5:443 is not reachable (ECONNREFUSED).', record),
      'the appliance is not reachable (ECONNREFUSED).',
    );
    assert.strictEqual(
      aboutIt('The connection to the appliance at [fe80::1%25eth0]:443 was lost.', record),
      'the connection to the appliance was lost.',
    );
    assert.strictEqual(
      aboutIt('The address 10.0.0.5:443 answered with a TLS server that is not an appliance.', record),
      'this address answered with a TLS server that is not an appliance.',
    );
    assert.strictEqual(
      aboutIt(`The profile of ${label} cannot be used: bad XML.`, record),
      'the profile of the appliance cannot be used: bad XML.',
    );
  });

  it('nameOnce: keeps the first mention and turns the later ones into "the appliance"', () => {
    const nested = `No answer to the program start on ${label} (The connection to ${label} closed before the appliance answered (The connection to the appliance at 10.0.0.5:443 was lost.)).`;
    const once = nameOnce(nested, record);
    assert.strictEqual(count(once, record.haId), 1);
    assert.strictEqual(count(once, '10.0.0.5'), 0);
    assert.match(
      once,
      /^No answer to the program start on dishwasher \(HCLOCAL-DEMODW1-000000000001\) \(The connection to the appliance closed/,
    );
    assert.strictEqual(
      nameOnce('The appliance answered error 519 to POST /ro/values', record),
      'The appliance answered error 519 to POST /ro/values',
    );
  });
});
