/**
 * `homeconnect-local login`: the one-time cloud login on a terminal (protocol.md §5.2).
 * Prints the authorize address, reads the pasted final address from stdin, and writes one
 * profile ZIP per appliance. The token lives only inside completeLogin and is never printed
 * or stored; the ZIPs hold the keys, as the widely used downloader's do.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HomeConnectError } from '../errors';
import { completeLogin, createLoginRequest, type CloudRegion } from '../cloud';
import { writeProfileZip } from '../profile/import';
import { flagValue, type ParsedCommand } from './args';
import { describeError, printError, printJson, type CliIo } from './output';
import { writePrivateFile } from './private-file';

const MAX_LINE = 16384;

/** The first line of the stream (or all of it, if it ends without a newline). */
export function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (fn: () => void): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.pause?.();
      fn();
    };
    const onData = (chunk: Buffer | string): void => {
      text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const nl = text.search(/\r?\n/);
      if (nl >= 0) finish(() => resolve(text.slice(0, nl)));
      else if (text.length > MAX_LINE) finish(() => resolve(text));
    };
    const onEnd = (): void => finish(() => resolve(text));
    const onError = (): void => finish(() => reject(new HomeConnectError('cloud', 'Could not read the pasted address from the terminal')));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume?.();
  });
}

function instructions(url: string): string {
  return [
    'Log in to Home Connect to fetch the keys and profiles of your appliances:',
    '  1. Open this address in a browser (it is also printed on standard output):',
    `     ${url}`,
    '  2. Log in with your Home Connect / SingleKey ID account.',
    '  3. The browser ends on a page that cannot be shown. That is expected.',
    '     Copy the whole address from the address bar (it starts with hcauth://auth/prod?code=',
    '     or ends in /auth/prod?code=...) and paste it here, then press Enter.',
    '     Do this within a minute: the code expires quickly.',
    'Pasted address: ',
  ].join('\n');
}

export async function loginCommand(parsed: ParsedCommand, io: CliIo): Promise<number> {
  const region = (flagValue(parsed, 'region') ?? 'EU') as CloudRegion;
  const outDir = path.resolve(flagValue(parsed, 'out') ?? '.');
  const request = createLoginRequest(region, io.env);

  io.stderr.write(instructions(request.authorizeUrl));
  io.stdout.write(`${request.authorizeUrl}\n`);
  const pasted = await readFirstLine(io.stdin);
  io.stderr.write('\n');
  if (pasted.trim() === '') throw new HomeConnectError('cloud', 'Nothing was pasted; run login again and paste the final address');

  const { records, failures } = await completeLogin(request, pasted, { env: io.env });
  if (records.length > 0) {
    try {
      await fs.promises.mkdir(outDir, { recursive: true });
    } catch {
      throw new HomeConnectError('import', `Cannot create the folder ${outDir}`);
    }
  }
  let written = 0;
  for (const record of records) {
    try {
      const { fileName, data } = writeProfileZip(record);
      const file = path.join(outDir, fileName);
      await writePrivateFile(file, data);
      written++;
      printJson(io, {
        file,
        haId: record.haId,
        name: record.name,
        brand: record.brand,
        type: record.type,
        vib: record.vib,
        connectionType: record.connectionType,
      });
    } catch (e) {
      failures.push({ haId: record.haId, name: record.name, message: describeError(e) });
    }
  }
  for (const failure of failures) printError(io, `${failure.name ?? failure.haId}: ${failure.message}`);
  if (records.length === 0 && failures.length === 0) {
    throw new HomeConnectError('cloud', 'The account has no paired appliances (demo appliances are skipped)');
  }
  return written > 0 ? 0 : 1;
}
