/** JSON.parse for imported files: BOM tolerant, and errors never quote the (secret-bearing) text. */
import { HomeConnectError } from '../../errors';

export function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    // Never echo the parser's message: it quotes the text, which may hold a key.
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    throw new HomeConnectError('import', `${fileName} is not valid JSON${at ? ` (error at character ${at[1]})` : ''}.`, {
      details: { file: fileName },
    });
  }
}
