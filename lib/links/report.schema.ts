import { z } from 'zod/mini';
import {
  LINK_KINDS,
  MAX_COUNT,
  MAX_HOST,
  MAX_HREF,
  MAX_LINKS,
  MAX_REPORT_CHARS,
  MAX_TEXT,
  REL_TOKENS,
  REPORT_VERSION,
  SKIP_KINDS,
  type LinkReport,
  type RawLinkReport,
  type ScanSummary,
} from './report';
import { lazy } from '@/lib/lazy';

/**
 * Worker only. The link report comes from a web page's tab and is checked as untrusted input: every
 * string and list is bounded (lib/links/report.ts), every count is a sane integer, and the whole
 * report is refused when anything is off (a page cannot make the worker keep or buy more).
 */

/** Built at the first scan of a worker's life (lib/lazy.ts): a start that scans nothing builds none of them. */
export const reportSchemas = lazy(() => {
  const Count = z.number().check(z.int(), z.minimum(0), z.maximum(MAX_COUNT));
  const skipShape = Object.fromEntries(SKIP_KINDS.map((k) => [k, Count])) as Record<(typeof SKIP_KINDS)[number], typeof Count>;
  const SkipCountsSchema = z.object(skipShape);
  const DropCountsSchema = z.object({ tooLong: Count, overLimit: Count });

  const RawLinkSchema = z.object({
    href: z.string().check(z.minLength(1), z.maxLength(MAX_HREF)),
    host: z.string().check(z.maxLength(MAX_HOST)),
    rel: z.array(z.enum(REL_TOKENS)).check(z.maxLength(REL_TOKENS.length)),
    text: z.string().check(z.maxLength(MAX_TEXT)),
    hidden: z.boolean(),
  });

  const RawLinkReportSchema = z
    .object({
      version: z.literal(REPORT_VERSION),
      url: z.string().check(z.maxLength(4096)),
      host: z.string().check(z.maxLength(MAX_HOST)),
      links: z.array(RawLinkSchema).check(z.maxLength(MAX_LINKS)),
      skipped: SkipCountsSchema,
      dropped: DropCountsSchema,
      elapsedMs: z.number().check(z.minimum(0), z.maximum(3_600_000)),
    })
    .check(
      z.refine((r) => r.links.reduce((n, l) => n + l.href.length + l.text.length, 0) <= MAX_REPORT_CHARS, {
        message: 'the report is larger than allowed',
      }),
    );

  const LinkCountsSchema = z.object({
    total: Count,
    follow: Count,
    nofollow: Count,
    ugc: Count,
    sponsored: Count,
    internal: Count,
    external: Count,
    hidden: Count,
    unsupported: Count,
  });

  const PageLinkSchema = z.object({
    href: z.string().check(z.maxLength(MAX_HREF)),
    text: z.string().check(z.maxLength(MAX_TEXT)),
    kind: z.enum(LINK_KINDS),
    hidden: z.boolean(),
    internal: z.boolean(),
    domain: z.nullable(z.string().check(z.maxLength(MAX_HOST))),
    domainDisplay: z.nullable(z.string().check(z.maxLength(MAX_HOST * 4))),
    page: z.nullable(z.string().check(z.maxLength(MAX_HREF))),
    refusal: z.nullable(z.string().check(z.maxLength(500))),
  });

  const TabId = z.number().check(z.int(), z.minimum(0));

  const LinkReportSchema = z.object({
    tabId: TabId,
    pageUrl: z.string().check(z.maxLength(4096)),
    pageDomain: z.nullable(z.string().check(z.maxLength(MAX_HOST))),
    scannedAt: z.number(),
    elapsedMs: z.number(),
    counts: LinkCountsSchema,
    skipped: SkipCountsSchema,
    dropped: DropCountsSchema,
    links: z.array(PageLinkSchema).check(z.maxLength(MAX_LINKS)),
  });

  const ScanSummarySchema = z.object({
    tabId: TabId,
    counts: LinkCountsSchema,
    skipped: SkipCountsSchema,
    dropped: DropCountsSchema,
    elapsedMs: z.number(),
  });

  return { RawLinkSchema, RawLinkReportSchema, PageLinkSchema, LinkReportSchema, ScanSummarySchema };
});
type Schemas = ReturnType<typeof reportSchemas>;

// The schemas and the zod-free types describe the same values, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRaw: Same<z.infer<Schemas['RawLinkReportSchema']>, RawLinkReport> = true;
const sameReport: Same<z.infer<Schemas['LinkReportSchema']>, LinkReport> = true;
const sameSummary: Same<z.infer<Schemas['ScanSummarySchema']>, ScanSummary> = true;
void sameRaw;
void sameReport;
void sameSummary;
