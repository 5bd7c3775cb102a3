/**
 * The database and what is written beside it hold personal data: the data
 * folder is kept 0700 and its files 0600, so other accounts on the machine
 * cannot read them.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder of a private file (0700) and tightens the file and its SQLite companions to 0600. */
export function ensurePrivateFile(file: string): string[] {
  const tightened: string[] = [];
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (!existsSync(path)) continue;
    if ((statSync(path).mode & 0o077) !== 0) {
      chmodSync(path, PRIVATE_FILE_MODE);
      tightened.push(path);
    }
  }
  return tightened;
}

/** Tightens the data folder itself to 0700; returns true when it was looser. */
export function ensurePrivateDir(dir: string): boolean {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    return false;
  }
  const mode = statSync(dir).mode;
  // A shared folder such as /tmp (sticky bit) is not ours to close.
  if ((mode & 0o077) === 0 || (mode & 0o1000) !== 0) return false;
  chmodSync(dir, PRIVATE_DIR_MODE);
  return true;
}
