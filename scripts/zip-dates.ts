/**
 * WXT's zip writer leaves every entry's DOS date and time at 0 (shown as 1980-00-00 or as invalid by
 * `zipinfo`; some store tools reject it). This sets them in place, in the local headers and in the
 * central directory, to one timestamp: $SOURCE_DATE_EPOCH, else the last commit's time, else now — so
 * that a zip built twice from one commit is byte-identical. The CRCs cover only the data: unchanged.
 *
 * Used by the `zip:done` hook in wxt.config.ts; `tsx scripts/zip-dates.ts FILE.zip…` patches by hand.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** DOS time and date fields (2-second resolution, years 1980–2107), from the date's UTC fields. */
export function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** Sets the modification date of every entry of the zip in `buf` (changed in place); returns the entry count. */
export function setZipDates(buf: Buffer, when: Date): number {
  const { time, date } = dosDateTime(when);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== CENTRAL) throw new Error(`zip entry ${n}: no central directory header at ${at}`);
    buf.writeUInt16LE(time, at + 12);
    buf.writeUInt16LE(date, at + 14);
    const local = buf.readUInt32LE(at + 42);
    if (buf.readUInt32LE(local) !== LOCAL) throw new Error(`zip entry ${n}: no local header at ${local}`);
    buf.writeUInt16LE(time, local + 10);
    buf.writeUInt16LE(date, local + 12);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return count;
}

/** $SOURCE_DATE_EPOCH, else the time of the last commit, else now. */
export function buildDate(cwd = process.cwd()): Date {
  const fromEnv = Number(process.env.SOURCE_DATE_EPOCH);
  if (process.env.SOURCE_DATE_EPOCH && Number.isFinite(fromEnv)) return new Date(fromEnv * 1000);
  try {
    const ct = Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    if (Number.isFinite(ct) && ct > 0) return new Date(ct * 1000);
  } catch {
    /* not a git checkout */
  }
  return new Date();
}

/** Patches every *.zip directly in `dir` (what `wxt zip` writes to the output folder). */
export function setZipDatesIn(dir: string, when = buildDate()): string[] {
  const done: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.zip')) continue;
    const path = join(dir, name);
    const buf = readFileSync(path);
    setZipDates(buf, when);
    writeFileSync(path, buf);
    done.push(path);
  }
  return done;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const when = buildDate();
  for (const path of process.argv.slice(2)) {
    const buf = readFileSync(path);
    const n = setZipDates(buf, when);
    writeFileSync(path, buf);
    console.log(`${path}: ${n} entries dated ${when.toISOString()}`);
  }
}
