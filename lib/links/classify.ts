import { parseTarget } from '@/lib/target';
import { kindOf, type LinkCounts, type LinkReport, type PageLink, type RawLinkReport } from './report';

/**
 * Worker only (the Public Suffix List): a checked raw report → each link's registrable domain, page
 * target and whether it is internal (same registrable domain as the page), plus the counts. Hosts
 * the backlink service cannot look up (IPs, local names) keep the sentence why and are never sent.
 */

interface HostInfo {
  domain: string | null;
  display: string | null;
  refusal: string | null;
}

const stripWww = (h: string) => h.replace(/^www\./, '').replace(/\.+$/, '');

export function classifyReport(raw: RawLinkReport, tabId: number, tabUrl: string | undefined, now: number): LinkReport {
  const pageUrl = tabUrl && /^https?:/i.test(tabUrl) ? tabUrl : raw.url;
  const pageParsed = parseTarget(pageUrl);
  const pageDomain = pageParsed.ok ? pageParsed.site.domain.value : null;
  let pageHost = '';
  try {
    pageHost = stripWww(new URL(pageUrl).hostname);
  } catch {
    pageHost = stripWww(raw.host.toLowerCase());
  }

  const hosts = new Map<string, HostInfo>();
  const counts: LinkCounts = { total: 0, follow: 0, nofollow: 0, ugc: 0, sponsored: 0, internal: 0, external: 0, hidden: 0, unsupported: 0 };
  const links: PageLink[] = [];
  for (const l of raw.links) {
    let url: URL;
    try {
      url = new URL(l.href);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const host = url.hostname;
    let info = hosts.get(host);
    if (!info) {
      const p = parseTarget(`${url.protocol}//${url.host}/`);
      info = p.ok ? { domain: p.site.domain.value, display: p.site.domain.display, refusal: null } : { domain: null, display: null, refusal: p.refusal.message };
      hosts.set(host, info);
    }
    let page: string | null = null;
    if (info.domain !== null) {
      const p = parseTarget(l.href);
      page = p.ok ? p.site.page.value : null;
    }
    const internal = pageDomain !== null && info.domain !== null ? info.domain === pageDomain : stripWww(host) === pageHost;
    const kind = kindOf(l.rel);
    counts.total++;
    counts[kind]++;
    if (internal) counts.internal++;
    else counts.external++;
    if (l.hidden) counts.hidden++;
    if (info.domain === null) counts.unsupported++;
    links.push({ href: l.href, text: l.text, kind, hidden: l.hidden, internal, domain: info.domain, domainDisplay: info.display, page, refusal: info.refusal });
  }
  return { tabId, pageUrl: pageUrl.slice(0, 4096), pageDomain, scannedAt: now, elapsedMs: raw.elapsedMs, counts, skipped: { ...raw.skipped }, dropped: { ...raw.dropped }, links };
}
