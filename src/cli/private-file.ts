/**
 * Writes files that hold keys (profile ZIPs): always mode 0600, never through a symlink or into
 * a file someone prepared. The bytes go to a new temporary file in the target's folder (created
 * exclusively, so nothing can be waiting at its name), which is then renamed over the target:
 * a symlink or an older file at the target name is replaced, never written through, and readers
 * never see a half-written file.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { HomeConnectError } from '../errors';

const { O_CREAT, O_EXCL, O_WRONLY } = fs.constants;
// Not defined on every platform (Windows); O_EXCL alone already refuses an existing link there.
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export async function writePrivateFile(file: string, data: Uint8Array): Promise<void> {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(temp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600);
    // The process umask cannot widen 0600, but a filesystem default might: set it explicitly.
    await handle.chmod(0o600);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.promises.rename(temp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.promises.unlink(temp).catch(() => undefined);
    throw new HomeConnectError('import', `Cannot write ${target}: ${why(e)}`, { details: { file: target }, cause: e });
  }
}

function why(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return typeof code === 'string' ? code : 'it cannot be written';
  }
}
