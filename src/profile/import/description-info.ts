/**
 * Reads `<description>` (type, brand, model = vib) from a DeviceDescription with a light regex;
 * the full parser lives elsewhere, import only needs these three names.
 */
export function readDescriptionInfo(deviceDescription: string): { type?: string; brand?: string; vib?: string } {
  const block = /<(?:[\w.-]+:)?description\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?description>/.exec(deviceDescription);
  if (!block) return {};
  const body = block[1].replace(/<!--[\s\S]*?-->/g, '');
  const field = (name: string): string | undefined => {
    const m = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>([^<]*)<`).exec(body);
    const v = m ? m[1].trim() : '';
    return v.length > 0 ? v : undefined;
  };
  const out: { type?: string; brand?: string; vib?: string } = {};
  const type = field('type');
  const brand = field('brand');
  const vib = field('model');
  if (type !== undefined) out.type = type;
  if (brand !== undefined) out.brand = brand;
  if (vib !== undefined) out.vib = vib;
  return out;
}
