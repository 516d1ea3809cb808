import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZip } from '@aklinker1/zero-zip';
import { afterEach, describe, expect, it } from 'vitest';
import { dosDateTime, setZipDates, setZipDatesIn } from '../../scripts/zip-dates';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A zip written the way `wxt zip` writes one (its own zip writer), with an entry that has a long name. */
async function wxtStyleZip(): Promise<Buffer> {
  const zip = createZip({ level: 9 });
  zip.addFile('manifest.json', '{"manifest_version":3}');
  zip.addFile('assets/über-long-name-with-unicode.css', 'a{color:red}'.repeat(50));
  zip.addFile('icon/16.png', Buffer.from([1, 2, 3, 4]));
  return zip.toBuffer();
}

/** The date and time of each entry as zipinfo prints them (`-T`: yyyymmdd.hhmmss). */
function zipinfoDates(path: string): string[] {
  return execFileSync('zipinfo', ['-T', path], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => /^-/.test(l))
    .map((l) => l.split(/\s+/)[6] ?? '');
}

describe('zip entry dates', () => {
  it('encodes a UTC date and time in DOS fields', () => {
    const { date, time } = dosDateTime(new Date(Date.UTC(2026, 11, 2, 18, 53, 27)));
    expect(date >> 9).toBe(2026 - 1980);
    expect((date >> 5) & 15).toBe(12);
    expect(date & 31).toBe(2);
    expect(time >> 11).toBe(18);
    expect((time >> 5) & 63).toBe(53);
    expect((time & 31) * 2).toBe(26);
  });

  it("dates every entry of a zip written by WXT's writer; the archive still tests OK", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-dates-'));
    dirs.push(dir);
    const path = join(dir, 'ext.zip');
    writeFileSync(path, await wxtStyleZip());
    expect(zipinfoDates(path).every((d) => !d.startsWith('2026'))).toBe(true);
    expect(setZipDatesIn(dir, new Date(Date.UTC(2026, 11, 2, 18, 53, 28)))).toEqual([path]);
    expect(zipinfoDates(path)).toEqual(['20261202.185328', '20261202.185328', '20261202.185328']);
    execFileSync('unzip', ['-tq', path]);
    // The contents are untouched.
    expect(execFileSync('unzip', ['-p', path, 'manifest.json'], { encoding: 'utf8' })).toBe('{"manifest_version":3}');
  });

  it('refuses what is not a zip', () => {
    expect(() => setZipDates(Buffer.from('not a zip at all, just some text here'), new Date())).toThrow(/not a zip/);
  });
});
