import type { Anchor, Backlink } from '../model';
import type { CsvEndpoint, EndpointModel } from './endpoints';

/**
 * The CSV columns of each endpoint row that has `csv: true` (./endpoints.ts), zod-free. Kept apart
 * from the table so only the CSV export, which pages load on demand, carries them.
 */

/** A spreadsheet cell before escaping (lib/csv.ts neutralizes it). */
export type CsvValue = string | number | boolean | null | undefined;

/** One item of a CSV endpoint's page. */
export type CsvItem<E extends CsvEndpoint> = EndpointModel<E>['items'][number];

export interface CsvColumns<Item> {
  columns: readonly string[];
  row: (item: Item) => CsvValue[];
}

const yesNo = (v: boolean | null): CsvValue => (v == null ? '' : v ? 'yes' : 'no');

export const ANCHOR_COLUMNS = [
  'Anchor',
  'Backlinks',
  'Referring domains',
  'Referring pages',
  'Rank',
  'Spam score',
  'Broken backlinks',
  'First seen',
  'Lost date',
] as const;

export function anchorRow(a: Anchor): CsvValue[] {
  return [a.anchor, a.backlinks, a.referringDomains, a.referringPages, a.rank, a.backlinksSpamScore, a.brokenBacklinks, a.firstSeen, a.lostDate];
}

export const BACKLINK_COLUMNS = [
  'Referring domain',
  'Referring page',
  'Page title',
  'Target URL',
  'Target status',
  'Anchor',
  'Link type',
  'Image alt',
  'Dofollow',
  'Attributes',
  'Backlink rank',
  'Page rank',
  'Domain rank',
  'Spam score',
  'First seen',
  'Last seen',
  'New',
  'Lost',
  'Broken',
  'Indirect',
  'Text before',
  'Text after',
  'Redirect path',
  'Backlinks in group',
  'External links on page',
  'Page keywords top 10',
  'Page keywords top 100',
  'Platform types',
  'Target spam score',
] as const;

export function backlinkRow(b: Backlink): CsvValue[] {
  return [
    b.domainFrom,
    b.urlFrom,
    b.pageFromTitle,
    b.urlTo,
    b.urlToStatusCode,
    b.anchor,
    b.itemType,
    b.alt,
    yesNo(b.dofollow),
    b.attributes.join(' '),
    b.rank,
    b.pageFromRank,
    b.domainFromRank,
    b.spamScore,
    b.firstSeen,
    b.lastSeen,
    yesNo(b.isNew),
    yesNo(b.isLost),
    yesNo(b.isBroken),
    yesNo(b.isIndirect),
    b.textPre,
    b.textPost,
    b.indirectPath.map((step) => [step.statusCode, step.url].filter((x) => x != null).join(' ')).join(' > '),
    b.groupCount,
    b.pageFromExternalLinks,
    b.rankedKeywordsTop10,
    b.rankedKeywordsTop100,
    b.domainFromPlatformTypes?.join(' '),
    b.urlToSpamScore,
  ];
}

export const CSV_COLUMNS: { [E in CsvEndpoint]: CsvColumns<CsvItem<E>> } = {
  anchors: { columns: ANCHOR_COLUMNS, row: anchorRow },
  backlinks: { columns: BACKLINK_COLUMNS, row: backlinkRow },
};
