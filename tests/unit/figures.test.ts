import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles, stripComments } from './importGraph';

/**
 * A derived figure must mean what the API's numbers support. `referring_domains_nofollow` counts the
 * domains with at least one nofollow link (a domain with both kinds counts there), so
 * `referring_domains − referring_domains_nofollow` is the domains with no nofollow link at all, not
 * the dofollow domains: no code may compute a share or a count from that difference.
 */
const DOMAIN_DIFFERENCE = [
  /referring_?domains\s*[-−]\s*[\w.?!()[\]]*referring_?domains_?nofollow/i,
  /(followSplit|formatShare)\(\s*[\w.?!]*referring_?domains\b[^)]*referring_?domains_?nofollow/i,
];

const offending = (text: string) => DOMAIN_DIFFERENCE.some((re) => re.test(text));

describe('no dofollow figure from referring domains minus nofollow domains', () => {
  it('the rule sees the readings it forbids, and not the ones it allows', () => {
    expect(offending('const df = p.referringDomains - p.referringDomainsNofollow;')).toBe(true);
    expect(offending('s.referring_domains − s.referring_domains_nofollow')).toBe(true);
    expect(offending('followSplit(p.referringDomains, p.referringDomainsNofollow)')).toBe(true);
    expect(offending('formatShare(p.referringDomains ?? 0, p.referringDomainsNofollow)')).toBe(true);
    expect(offending('{formatExact(p.referringDomainsNofollow)} of {formatExact(p.referringDomains)} referring domains')).toBe(false);
    expect(offending('followSplit(p.backlinks, nofollow)')).toBe(false);
  });

  it('in lib/, components/ and entrypoints/ (tests excepted)', () => {
    const files = sourceFiles('lib', 'components', 'entrypoints').filter((f) => !/\.test\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    const bad = files.filter((f) => offending(stripComments(readFileSync(join(ROOT, f), 'utf8'))));
    expect(bad).toEqual([]);
  });
});
