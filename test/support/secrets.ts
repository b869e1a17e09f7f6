import * as assert from 'assert';

/** No secret in the text, as given or in base64, base64url (padded or not) or hex (any case). */
export function assertNoSecret(text: string, secrets: string[]): void {
  const lower = text.toLowerCase();
  for (const s of secrets) {
    const raw = Buffer.from(s, 'base64url');
    for (const form of [s, raw.toString('base64'), raw.toString('base64url'), raw.toString('base64').replace(/=+$/, '')]) {
      assert.ok(!text.includes(form), `a secret appears in the answer (${form.length} chars)`);
    }
    assert.ok(!lower.includes(raw.toString('hex')), 'a secret appears as hex');
  }
}
