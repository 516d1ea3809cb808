/**
 * "Links on this page" (zod-free: the injected script, the worker and the side panel share it).
 *
 * The injected script (entrypoints/linkscan.ts) collects a page's links into a `RawLinkReport` and
 * returns it as the result of `scripting.executeScript`, the only way the page's side reaches the
 * worker. The worker checks it (lib/links/report.schema.ts, bounds below), decides which links are
 * internal with the Public Suffix List (lib/links/classify.ts) and keeps the resulting `LinkReport`
 * per tab in storage.session; the side panel asks the worker for it.
 */

/** Most links a report carries; the rest of a page's links are only counted (`dropped.overLimit`). */
export const MAX_LINKS = 5000;
/** Longest href kept; longer ones are counted in `dropped.tooLong`, never cut (a cut URL is another URL). */
export const MAX_HREF = 2048;
/** Longest link text kept (after trimming and collapsing white space). */
export const MAX_TEXT = 300;
/** Longest host name (DNS limit). */
export const MAX_HOST = 253;
/** Most anchors the script looks at, kept or skipped, so a page of a million links stays quick. */
export const MAX_EXAMINED = 50_000;
/** Most characters of hrefs and texts together, so a report fits storage.session with room to spare. */
export const MAX_REPORT_CHARS = 2_000_000;
/** Counts above this are not believed (a page has fewer anchors than this). */
export const MAX_COUNT = 10_000_000;

/** rel tokens that change what a link passes (case-insensitive in the page). */
export const REL_TOKENS = ['nofollow', 'ugc', 'sponsored'] as const;
export type RelToken = (typeof REL_TOKENS)[number];

/**
 * The one kind a link is shown as: sponsored, else ugc, else nofollow, else follow (a link marked
 * `nofollow ugc` is counted once, as ugc). Kinds add up to the number of links.
 */
export const LINK_KINDS = ['follow', 'nofollow', 'ugc', 'sponsored'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export function kindOf(rel: readonly string[]): LinkKind {
  if (rel.includes('sponsored')) return 'sponsored';
  if (rel.includes('ugc')) return 'ugc';
  if (rel.includes('nofollow')) return 'nofollow';
  return 'follow';
}

/** Anchors that are not web links, counted and left out. */
export const SKIP_KINDS = ['script', 'mail', 'phone', 'fragment', 'other'] as const;
export type SkipKind = (typeof SKIP_KINDS)[number];
export type SkipCounts = Record<SkipKind, number>;

export interface DropCounts {
  /** Hrefs longer than MAX_HREF. */
  tooLong: number;
  /** Web links past MAX_LINKS, MAX_EXAMINED or MAX_REPORT_CHARS. */
  overLimit: number;
}

/** One link as the page's script saw it. */
export interface RawLink {
  /** Absolute http(s) URL as the browser resolved it. */
  href: string;
  /** Its host name (lowercase, punycode), for the worker to classify. */
  host: string;
  /** The rel tokens among REL_TOKENS, lowercased, each once. */
  rel: RelToken[];
  text: string;
  hidden: boolean;
}

export const REPORT_VERSION = 1;

/** What the injected script returns. Untrusted: the worker checks all of it. */
export interface RawLinkReport {
  version: typeof REPORT_VERSION;
  /** The page's address and host (location). */
  url: string;
  host: string;
  links: RawLink[];
  skipped: SkipCounts;
  dropped: DropCounts;
  /** How long the scan and the highlighting took in the page, ms. */
  elapsedMs: number;
}

/** One link after the worker's check. */
export interface PageLink {
  href: string;
  text: string;
  kind: LinkKind;
  hidden: boolean;
  /** Same registrable site as the page. */
  internal: boolean;
  /** Registrable domain (punycode) and its Unicode display, or null when the host is not a public name. */
  domain: string | null;
  domainDisplay: string | null;
  /** The page target (URL without fragment and tracking parameters), or null like `domain`. */
  page: string | null;
  /** Why the link cannot be looked up (IP address, local name…), or null. */
  refusal: string | null;
}

export interface LinkCounts {
  total: number;
  follow: number;
  nofollow: number;
  ugc: number;
  sponsored: number;
  internal: number;
  external: number;
  hidden: number;
  /** Links whose host cannot be looked up (IPs, local names). */
  unsupported: number;
}

/** The checked report the worker keeps per tab and hands to the side panel. */
export interface LinkReport {
  tabId: number;
  pageUrl: string;
  /** The page's registrable domain, or null when it has none (then internal = same host). */
  pageDomain: string | null;
  scannedAt: number;
  elapsedMs: number;
  counts: LinkCounts;
  skipped: SkipCounts;
  dropped: DropCounts;
  links: PageLink[];
}

/** What a scan answers to the page that asked for it (the report itself is kept for the panel). */
export interface ScanSummary {
  tabId: number;
  counts: LinkCounts;
  skipped: SkipCounts;
  dropped: DropCounts;
  elapsedMs: number;
}

export const emptySkipCounts = (): SkipCounts => ({ script: 0, mail: 0, phone: 0, fragment: 0, other: 0 });
