/**
 * Deterministic sample data for the sandbox: for each target a fixed set of backlinks is generated
 * from a PRNG seeded with the target string; the summary and the anchors are aggregated from that
 * set, so the three endpoints agree with each other.
 */
import { rng, type Rng } from './prng';

export type RankScale = 'one_hundred' | 'one_thousand';

export interface IndirectHop {
  type: string;
  status_code: number;
  url: string;
}

/** One item of backlinks/backlinks/live, field for field as documented. */
export interface BacklinkItem {
  type: 'backlink';
  domain_from: string;
  url_from: string;
  url_from_https: boolean;
  domain_to: string;
  url_to: string;
  url_to_https: boolean;
  tld_from: string;
  is_new: boolean;
  is_lost: boolean;
  backlink_spam_score: number;
  rank: number;
  page_from_rank: number;
  domain_from_rank: number;
  domain_from_platform_type: string[] | null;
  domain_from_is_ip: boolean;
  domain_from_ip: string;
  domain_from_country: string | null;
  page_from_external_links: number;
  page_from_internal_links: number;
  page_from_size: number;
  page_from_encoding: string | null;
  page_from_language: string | null;
  page_from_title: string | null;
  page_from_status_code: number;
  first_seen: string;
  prev_seen: string | null;
  last_seen: string;
  item_type: string;
  attributes: string[] | null;
  dofollow: boolean;
  original: boolean;
  alt: string | null;
  image_url: string | null;
  anchor: string | null;
  text_pre: string | null;
  text_post: string | null;
  semantic_location: string | null;
  links_count: number;
  group_count: number;
  is_broken: boolean;
  url_to_status_code: number | null;
  url_to_spam_score: number | null;
  url_to_redirect_target: string | null;
  ranked_keywords_info: {
    page_from_keywords_count_top_3: number;
    page_from_keywords_count_top_10: number;
    page_from_keywords_count_top_100: number;
  };
  is_indirect_link: boolean;
  indirect_link_path: IndirectHop[] | null;
}

/** A generated backlink plus what the request options need to know about it. */
export interface Row {
  item: BacklinkItem;
  /** Position in the generated set: the final tie-breaker of every ordering. */
  idx: number;
  /** The referring domain is a subdomain of the target (internal backlink). */
  internal: boolean;
  /** The link points to a subdomain of the target other than the target itself and www. */
  subdomainTo: boolean;
  mainDomain: string;
  subnet: string;
}

export interface Dataset {
  target: string;
  isPage: boolean;
  rows: Row[];
  /** Target-level facts that are not aggregates of the rows. */
  profile: {
    rankBase: number;
    crawledPages: number;
    internalLinks: number;
    externalLinks: number;
    brokenPages: number;
    server: string;
    cms: string | null;
    platformType: string[];
    ip: string;
    country: string | null;
    targetSpamScore: number;
  };
}

/** Reference "now" of the generated data, so the data never depends on the clock. */
const REF_MS = Date.UTC(2026, 4, 15, 8, 0, 0);
const START_MS = Date.UTC(2019, 0, 1, 0, 0, 0);
const DAY = 86_400_000;

export function formatDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +00:00`;
}

const WORDS = [
  'green', 'tech', 'daily', 'market', 'review', 'garden', 'travel', 'photo', 'city', 'open', 'smart', 'blue',
  'north', 'pixel', 'data', 'cloud', 'home', 'food', 'health', 'money', 'sport', 'craft', 'design', 'music',
  'book', 'learn', 'code', 'media', 'studio', 'digital', 'local', 'global', 'prime', 'bright', 'urban', 'wild',
  'fresh', 'happy', 'simple', 'river', 'stone', 'maple', 'silver', 'rocket', 'paper', 'sunny', 'quick', 'solid',
];
const SUFFIXES = [
  'hub', 'lab', 'zone', 'world', 'guide', 'insider', 'times', 'post', 'journal', 'blog', 'base', 'point', 'spot',
  'works', 'wire', 'press', 'life', 'talk', 'club', 'forum', 'news', 'daily', 'space', 'nest',
];
const TLDS = ['com', 'net', 'org', 'io', 'co.uk', 'de', 'fr', 'com.br', 'in', 'info', 'ru', 'nl', 'es', 'it', 'pl', 'jp', 'com.au', 'ca', 'edu', 'blogspot.com'];
const TLD_WEIGHTS = [45, 8, 8, 4, 5, 5, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1];
const TLD_COUNTRY: Record<string, string> = {
  'co.uk': 'GB', de: 'DE', fr: 'FR', 'com.br': 'BR', in: 'IN', ru: 'RU', nl: 'NL', es: 'ES', it: 'IT', pl: 'PL', jp: 'JP', 'com.au': 'AU', ca: 'CA',
};
const TLD_LANG: Record<string, string> = { de: 'de', fr: 'fr', 'com.br': 'pt', ru: 'ru', nl: 'nl', es: 'es', it: 'it', pl: 'pl', jp: 'ja' };
const PLATFORMS: (string[] | null)[] = [['unknown'], ['cms', 'blogs'], ['news'], ['organization'], ['message-boards'], ['ecommerce'], ['wikis'], ['blogs'], null];
const PLATFORM_WEIGHTS = [30, 22, 10, 12, 7, 4, 2, 8, 5];
const ITEM_TYPES = ['anchor', 'image', 'redirect', 'canonical', 'meta', 'alternate'];
const ITEM_TYPE_WEIGHTS = [80, 8, 5, 3, 2, 2];
const ATTRIBUTE_SETS: (string[] | null)[] = [null, ['nofollow'], ['noopener'], ['nofollow', 'noopener'], ['ugc', 'nofollow'], ['sponsored'], ['noopener', 'noreferrer']];
const ATTRIBUTE_WEIGHTS = [60, 18, 8, 4, 3, 3, 4];
const SEMANTIC = [null, 'article', 'section', 'main', 'aside', 'footer', 'header', 'nav', 'figure'];
const SEMANTIC_WEIGHTS = [25, 35, 12, 10, 5, 6, 3, 2, 2];
const PATH_HEADS = ['blog', 'articles', 'news', '2024', '2025', 'resources', 'reviews', 'forum/thread', 'p', 'guides', 'wiki', 'links'];
const TARGET_PATHS = ['/', '/', '/', '/blog/', '/about', '/products/', '/pricing', '/blog/getting-started', '/contact', '/docs/intro'];
const GENERIC_ANCHORS = [
  'click here', 'read more', 'here', 'this article', 'website', 'source', 'link', 'learn more', 'official site',
  'more info', 'this guide', 'homepage', 'visit site', 'see more', 'full review',
];
const ANCHOR_NOUNS = ['tools', 'guide', 'tips', 'deals', 'review', 'tutorial', 'platform', 'service', 'store', 'blog', 'news', 'resources', 'pricing', 'alternatives', 'features'];
const ANCHOR_ADJ = ['best', 'top', 'free', 'great', 'useful', 'popular', 'new', 'complete', 'ultimate', 'easy', 'cheap', 'official'];
const SENTENCES = [
  'According to a recent post by',
  'We have tested many options and recommend',
  'For a detailed comparison see',
  'As mentioned by the team at',
  'You can find more details on',
  'Thanks to',
  'Another great resource is',
  'Originally published on',
];

/** The special text the "hostile" targets carry, to prove the extension renders it as text. */
export const HOSTILE = {
  html: '<img src=x onerror=alert(1)>',
  script: '<script>alert("x")</script>',
  jsUrl: 'javascript:alert(1)',
  formula: '=HYPERLINK("http://evil","x")',
};
/** An anchor that looks like HTML, present in every non-empty data set. */
/**
 * What a "megatext" target's strongest backlinks carry: a 1 MB anchor without spaces, a whole-script
 * Cyrillic look-alike domain, a link with userinfo, and a domain and anchor with bidi/zero-width characters.
 */
export const MEGATEXT = {
  anchor: 'W'.repeat(1 << 20),
  lookalike: 'xn--80ak6aa92e.com',
  userinfoUrl: 'https://www.google.com@evil.test/',
  bidiDomain: 'gnp.\u202Eevil-exe.test',
  zeroWidthAnchor: 'pay\u200Bpal\u2066login\u2069',
};
export const HTML_LOOKING_ANCHOR = '<b>Big</b> sale & "quotes" <i>today</i>';

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface RefDomain {
  host: string;
  main: string;
  tld: string;
  rank: number;
  ip: string;
  isIp: boolean;
  country: string | null;
  platform: string[] | null;
  language: string;
  spam: number;
  brand: string;
}

function ipFrom(r: Rng): string {
  return `${r.pick([23, 31, 45, 52, 64, 77, 89, 104, 142, 151, 172, 185, 198, 203, 212])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}

function makeDomainPool(r: Rng, size: number, avoidMain: string): RefDomain[] {
  const seenHosts = new Set<string>();
  const seenMains = new Set<string>();
  const pool: RefDomain[] = [];
  // Hosting: several referring domains share an IP, several IPs share a /24.
  const subnets = Array.from({ length: Math.max(8, Math.round(size * 0.55)) }, () => ipFrom(r).split('.').slice(0, 3).join('.'));
  const ips = Array.from({ length: Math.max(10, Math.round(size * 0.8)) }, () => `${r.pick(subnets)}.${r.int(1, 254)}`);
  let guard = 0;
  while (pool.length < size && guard++ < size * 20) {
    if (r.chance(0.01)) {
      const ip = ipFrom(r);
      if (seenHosts.has(ip)) continue;
      seenHosts.add(ip);
      pool.push({ host: ip, main: ip, tld: '', rank: r.int(0, 120), ip, isIp: true, country: null, platform: ['unknown'], language: 'en', spam: r.int(20, 80), brand: ip });
      continue;
    }
    const prefix = r.weighted(['www.', '', 'blog.', 'forum.', 'news.', 'shop.', 'm.', 'en.'], [55, 25, 6, 4, 4, 2, 2, 2]);
    const sibling = pool.length > 10 && r.chance(0.12) ? pool[r.int(0, pool.length - 1)] : undefined;
    if (sibling && !sibling.isIp) {
      // Another host of a main domain already in the pool.
      const host = prefix + sibling.main;
      if (seenHosts.has(host)) continue;
      seenHosts.add(host);
      pool.push({ ...sibling, host, rank: Math.max(0, sibling.rank - r.int(0, 80)), ip: r.chance(0.6) ? sibling.ip : r.pick(ips) });
      continue;
    }
    const w1 = r.pick(WORDS);
    const w2 = r.chance(0.6) ? r.pick(SUFFIXES) : r.pick(WORDS);
    const tld = r.weighted(TLDS, TLD_WEIGHTS);
    const num = r.chance(0.15) ? String(r.int(1, 99)) : '';
    const main = `${w1}${r.chance(0.25) ? '-' : ''}${w2}${num}.${tld}`;
    if (seenMains.has(main) || main === avoidMain) continue;
    seenMains.add(main);
    seenHosts.add(prefix + main);
    const rank = Math.min(1000, Math.round(880 * Math.pow(r.next(), 2.4)) + r.int(0, 60));
    const country = TLD_COUNTRY[tld] ?? r.weighted<string | null>(['US', 'WW', null, 'DE', 'GB', 'IN', 'CA'], [35, 12, 25, 6, 8, 8, 6]);
    pool.push({
      host: prefix + main,
      main,
      tld,
      rank,
      ip: r.pick(ips),
      isIp: false,
      country,
      platform: r.weighted(PLATFORMS, PLATFORM_WEIGHTS),
      language: TLD_LANG[tld] ?? 'en',
      spam: Math.round(70 * Math.pow(r.next(), 3)),
      brand: `${cap(w1)}${cap(w2)}${num}`,
    });
  }
  return pool;
}

function slug(r: Rng): string {
  const parts = [r.pick(WORDS), r.pick(ANCHOR_NOUNS)];
  if (r.chance(0.5)) parts.push(r.pick(WORDS));
  if (r.chance(0.4)) parts.push(String(r.int(2, 2025)));
  return parts.join('-');
}

interface TargetShape {
  isPage: boolean;
  /** Host of the target (for a page, the URL's host). */
  host: string;
  /** Hosts that count as the target itself. */
  selfHosts: string[];
  /** Subdomains of the target (excluded when include_subdomains is false). */
  subHosts: string[];
  brand: string;
}

function shapeOf(target: string): TargetShape {
  if (/^https?:\/\//i.test(target)) {
    let host = 'invalid.example';
    try {
      host = new URL(target).hostname.toLowerCase();
    } catch {
      /* validated before */
    }
    const bare = host.replace(/^www\./, '');
    return { isPage: true, host, selfHosts: [host], subHosts: [], brand: bare.split('.')[0] ?? bare };
  }
  const host = target.toLowerCase();
  return {
    isPage: false,
    host,
    selfHosts: [host, `www.${host}`],
    subHosts: [`blog.${host}`, `shop.${host}`, `docs.${host}`],
    brand: host.split('.')[0] ?? host,
  };
}

function brandWords(brand: string): string {
  return brand
    .split(/[-_]/)
    .filter(Boolean)
    .map(cap)
    .join(' ');
}

function makeAnchorPool(r: Rng, size: number, shape: TargetShape, target: string): string[] {
  const brand = brandWords(shape.brand) || shape.host;
  const fixed = [
    brand,
    shape.isPage ? target : shape.host,
    `https://www.${shape.host.replace(/^www\./, '')}/`,
    '',
    'click here',
    `${brand} ${r.pick(ANCHOR_NOUNS)}`,
    `www.${shape.host.replace(/^www\./, '')}`,
    HTML_LOOKING_ANCHOR,
  ];
  const seen = new Set(fixed);
  const pool = [...fixed];
  let guard = 0;
  while (pool.length < size && guard++ < size * 30) {
    let a: string;
    const kind = r.next();
    if (kind < 0.15) a = r.pick(GENERIC_ANCHORS);
    else if (kind < 0.45) a = `${r.pick(ANCHOR_ADJ)} ${r.pick(WORDS)} ${r.pick(ANCHOR_NOUNS)}`;
    else if (kind < 0.65) a = `${brand} ${r.pick(ANCHOR_ADJ)} ${r.pick(ANCHOR_NOUNS)}`;
    else if (kind < 0.8) a = `${r.pick(WORDS)} ${r.pick(ANCHOR_NOUNS)} ${r.int(2018, 2026)}`;
    else if (kind < 0.9) a = `how to use ${r.pick(WORDS)} ${r.pick(ANCHOR_NOUNS)}`;
    else a = `${cap(r.pick(WORDS))} ${cap(r.pick(WORDS))} ${r.pick(ANCHOR_NOUNS)} by ${brand}`;
    if (r.chance(0.05)) a = a.toUpperCase();
    if (seen.has(a)) continue;
    seen.add(a);
    pool.push(a);
  }
  return pool;
}

/** Size of the generated set: 0 for "empty" targets, 30,000 for "big" ones, else 1,500–30,000. */
export function datasetSize(target: string, seed: string): number {
  const t = target.toLowerCase();
  if (t.includes('empty')) return 0;
  if (t.includes('big')) return 30_000;
  const r = rng(`${seed}|size|${t}`);
  // Skewed towards the small end: median about 3,200, a few near 30,000.
  return Math.round(1500 * Math.pow(20, Math.pow(r.next(), 2)));
}

export function generateDataset(target: string, seed: string): Dataset {
  const t = target.toLowerCase();
  const r = rng(`${seed}|data|${t}`);
  const shape = shapeOf(target);
  const n = datasetSize(target, seed);
  const hostile = t.includes('hostile');
  const megatext = t.includes('megatext');
  const targetMain = shape.host.replace(/^www\./, '');

  const domainCount = Math.max(40, Math.round(n / r.int(3, 9)));
  const domains = makeDomainPool(r, domainCount, targetMain);
  const anchorPoolSize = Math.max(60, Math.min(Math.round(n / r.int(2, 5)), r.int(300, 2600)));
  const anchors = makeAnchorPool(r, anchorPoolSize, shape, target);
  const altTexts = [`${brandWords(shape.brand)} logo`, 'banner', 'Featured on', '', `${brandWords(shape.brand)} screenshot`];
  const internalHosts = shape.isPage ? [`help.${targetMain}`, `community.${targetMain}`] : [`help.${shape.host}`, `community.${shape.host}`];
  const pagesOfTarget = shape.isPage ? [target] : TARGET_PATHS.map((p) => p).concat(Array.from({ length: 12 }, () => `/blog/${slug(r)}`));

  const rows: Row[] = [];
  const seenPages = new Set<string>();
  for (let i = 0; i < n; i++) {
    const internal = r.chance(0.02);
    let d: RefDomain;
    if (internal) {
      const host = r.pick(internalHosts);
      d = { host, main: targetMain, tld: targetMain.split('.').slice(1).join('.') || 'com', rank: r.int(100, 500), ip: ipFrom(r), isIp: false, country: 'US', platform: ['cms'], language: 'en', spam: 0, brand: brandWords(shape.brand) };
    } else {
      d = domains[r.skewed(domains.length, 1.8)] as RefDomain;
    }
    const fromHttps = d.isIp ? r.chance(0.2) : r.chance(0.85);
    // One backlink per referring page (duplicates on a page are counted in links_count).
    let urlFrom = '';
    for (let attempt = 0; attempt < 50 && (urlFrom === '' || seenPages.has(urlFrom)); attempt++) {
      const path = r.chance(0.06) && attempt === 0 ? '/' : `/${r.pick(PATH_HEADS)}/${slug(r)}${r.chance(0.1) || attempt > 5 ? `?ref=${r.int(1, 5000)}` : ''}`;
      urlFrom = `${fromHttps ? 'https' : 'http'}://${d.host}${path}`;
    }
    seenPages.add(urlFrom);

    // Where the link points to.
    let subdomainTo = false;
    let toHost: string;
    let urlTo: string;
    if (shape.isPage) {
      urlTo = target;
      toHost = shape.host;
    } else {
      const roll = r.next();
      if (roll < 0.1) {
        toHost = r.pick(shape.subHosts);
        subdomainTo = true;
      } else {
        toHost = roll < 0.55 ? shape.selfHosts[0]! : shape.selfHosts[1]!;
      }
      urlTo = `${r.chance(0.9) ? 'https' : 'http'}://${toHost}${r.pick(pagesOfTarget)}`;
    }
    const toHttps = urlTo.startsWith('https:');

    const itemType = r.weighted(ITEM_TYPES, ITEM_TYPE_WEIGHTS);
    const isTextLink = itemType === 'anchor';
    const isImage = itemType === 'image';
    let attributes = isTextLink || isImage ? r.weighted(ATTRIBUTE_SETS, ATTRIBUTE_WEIGHTS) : null;
    if (attributes) attributes = [...attributes];
    let dofollow = true;
    for (const a of attributes ?? []) if (a === 'nofollow' || a === 'ugc' || a === 'sponsored') dofollow = false;

    const isLost = r.chance(0.08);
    const isNew = !isLost && r.chance(0.06);
    const firstMs = isNew ? REF_MS - r.int(1, 45) * DAY - r.int(0, DAY - 1) : START_MS + Math.floor(r.next() * (REF_MS - 60 * DAY - START_MS));
    const lastMs = isLost
      ? firstMs + Math.floor(r.next() * Math.max(DAY, REF_MS - 30 * DAY - firstMs))
      : Math.max(firstMs + 3600_000, REF_MS - r.int(0, 60) * DAY - r.int(0, DAY - 1));
    const prevMs = lastMs - firstMs > 2 * DAY && r.chance(0.9) ? firstMs + Math.floor(r.next() * (lastMs - firstMs)) : null;

    const isBroken = r.chance(0.04);
    let urlToStatus: number | null;
    let redirectTarget: string | null = null;
    if (isBroken) urlToStatus = r.pick([404, 404, 410, 500, 503]);
    else {
      const s = r.next();
      if (s < 0.72) urlToStatus = 200;
      else if (s < 0.94) {
        urlToStatus = 301;
        redirectTarget = shape.isPage ? target.replace(/^http:/, 'https:') : `https://${shape.selfHosts[1] ?? toHost}${r.pick(pagesOfTarget)}`;
      } else urlToStatus = null;
    }

    const pageRank = Math.max(0, Math.min(1000, Math.round(d.rank * (0.5 + r.next() * 0.7)) + r.int(-20, 40)));
    const linkRank = Math.max(0, Math.min(1000, Math.round(pageRank * (dofollow ? 0.55 + r.next() * 0.45 : 0.1 + r.next() * 0.3))));

    let anchor: string | null = null;
    let alt: string | null = null;
    let imageUrl: string | null = null;
    let textPre: string | null = null;
    let textPost: string | null = null;
    if (isTextLink) {
      anchor = anchors[r.skewed(anchors.length, 2.6)] ?? '';
      if (r.chance(0.7)) {
        textPre = `${r.pick(SENTENCES)} ${d.brand},`;
        textPost = r.chance(0.8) ? `and ${r.pick(ANCHOR_ADJ)} ${r.pick(ANCHOR_NOUNS)} for ${r.pick(WORDS)} lovers.` : null;
      }
    } else if (isImage) {
      alt = r.pick(altTexts);
      anchor = alt;
      imageUrl = `${fromHttps ? 'https' : 'http'}://${d.host}/images/${r.pick(WORDS)}-${r.int(1, 999)}.${r.pick(['png', 'jpg', 'svg', 'webp'])}`;
    }

    const isIndirect = r.chance(0.05);
    const indirectPath: IndirectHop[] | null = isIndirect
      ? r.chance(0.7)
        ? [{ type: 'redirect', status_code: r.pick([301, 302, 308]), url: `http://${shape.host}/old/${slug(r)}` }]
        : [{ type: 'canonical', status_code: 200, url: `https://${shape.host}/${slug(r)}?utm_source=${r.pick(WORDS)}` }]
      : null;

    let title: string | null = r.chance(0.95) ? `${cap(slug(r).replace(/-/g, ' '))} - ${d.brand}` : null;
    if (hostile) {
      switch (i % 5) {
        case 0:
          anchor = HOSTILE.html;
          title = HOSTILE.html;
          break;
        case 1:
          urlFrom = HOSTILE.jsUrl;
          textPre = HOSTILE.script;
          break;
        case 2:
          anchor = HOSTILE.formula;
          break;
        case 3:
          imageUrl = HOSTILE.jsUrl;
          redirectTarget = HOSTILE.jsUrl;
          break;
        default:
          break;
      }
    }

    const top3 = r.chance(0.6) ? r.int(0, 30) : 0;
    const top10 = top3 + r.int(0, 60);
    const item: BacklinkItem = {
      type: 'backlink',
      domain_from: d.host,
      url_from: urlFrom,
      url_from_https: fromHttps,
      domain_to: toHost,
      url_to: urlTo,
      url_to_https: toHttps,
      tld_from: d.tld,
      is_new: isNew,
      is_lost: isLost,
      backlink_spam_score: Math.min(100, d.spam + r.int(0, 10)),
      rank: linkRank,
      page_from_rank: pageRank,
      domain_from_rank: d.rank,
      domain_from_platform_type: d.platform ? [...d.platform] : null,
      domain_from_is_ip: d.isIp,
      domain_from_ip: d.ip,
      domain_from_country: d.country,
      page_from_external_links: r.int(0, 180),
      page_from_internal_links: r.int(0, 300),
      page_from_size: r.int(4_000, 600_000),
      page_from_encoding: r.chance(0.95) ? 'utf-8' : r.pick(['windows-1251', 'iso-8859-1', null]),
      page_from_language: r.chance(0.96) ? d.language : null,
      page_from_title: title,
      page_from_status_code: r.chance(0.96) ? 200 : r.pick([301, 302, 404]),
      first_seen: formatDate(firstMs),
      prev_seen: prevMs === null ? null : formatDate(prevMs),
      last_seen: formatDate(lastMs),
      item_type: itemType,
      attributes,
      dofollow,
      original: r.chance(0.3),
      alt,
      image_url: imageUrl,
      anchor,
      text_pre: textPre,
      text_post: textPost,
      semantic_location: isTextLink || isImage ? r.weighted(SEMANTIC, SEMANTIC_WEIGHTS) : null,
      links_count: r.chance(0.8) ? 1 : r.int(2, 6),
      group_count: 0,
      is_broken: isBroken,
      url_to_status_code: urlToStatus,
      url_to_spam_score: urlToStatus === null ? null : r.int(0, 25),
      url_to_redirect_target: redirectTarget,
      ranked_keywords_info: {
        page_from_keywords_count_top_3: top3,
        page_from_keywords_count_top_10: top10,
        page_from_keywords_count_top_100: top10 + r.int(0, 900),
      },
      is_indirect_link: isIndirect,
      indirect_link_path: indirectPath,
    };
    if (megatext && i < 2) {
      // The two strongest links, so they sort first by rank.
      Object.assign(item, { rank: 1000, page_from_rank: 1000, domain_from_rank: 1000, is_lost: false, is_indirect_link: false, indirect_link_path: null, item_type: 'anchor', text_pre: 'before', text_post: 'after' });
      if (i === 0) Object.assign(item, { anchor: MEGATEXT.anchor, domain_from: MEGATEXT.lookalike, url_from: MEGATEXT.userinfoUrl, page_from_title: null });
      else Object.assign(item, { anchor: MEGATEXT.zeroWidthAnchor, domain_from: MEGATEXT.bidiDomain });
    }
    rows.push({ item, idx: i, internal: internal && !(megatext && i < 2), subdomainTo, mainDomain: d.main, subnet: d.ip.split('.').slice(0, 3).join('.') });
  }

  const pr = rng(`${seed}|profile|${t}`);
  return {
    target,
    isPage: shape.isPage,
    rows,
    profile: {
      rankBase: Math.min(1000, Math.round(120 + 200 * Math.log10(1 + n / 100)) + pr.int(-40, 60)),
      crawledPages: shape.isPage ? 1 : pr.int(50, 25_000),
      internalLinks: pr.int(100, 60_000),
      externalLinks: pr.int(50, 30_000),
      brokenPages: pr.int(0, 400),
      server: pr.pick(['nginx', 'cloudflare', 'Apache', 'LiteSpeed', 'openresty']),
      cms: pr.weighted<string | null>(['WordPress', null, 'Shopify', 'Drupal'], [40, 40, 12, 8]),
      platformType: pr.pick([['unknown'], ['cms', 'blogs'], ['ecommerce'], ['organization']]),
      ip: ipFrom(pr),
      country: pr.weighted<string | null>(['US', 'DE', 'GB', null], [60, 15, 15, 10]),
      targetSpamScore: pr.int(0, 30),
    },
  };
}

const cache = new Map<string, Dataset>();
const CACHE_MAX = 8;

/** The generated set for a target, kept in a small LRU cache (the big sets take a moment to build). */
export function datasetFor(target: string, seed: string): Dataset {
  const key = `${seed}\u0000${target.toLowerCase()}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const ds = generateDataset(target, seed);
  cache.set(key, ds);
  while (cache.size > CACHE_MAX) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return ds;
}

/** Rank on the requested scale (data is generated on 0–1000). */
export function scaleRank(v: number, scale: RankScale): number {
  return scale === 'one_hundred' ? Math.round(v / 10) : v;
}

export function scaledItem(item: BacklinkItem, scale: RankScale): BacklinkItem {
  if (scale === 'one_thousand') return item;
  return {
    ...item,
    rank: scaleRank(item.rank, scale),
    page_from_rank: scaleRank(item.page_from_rank, scale),
    domain_from_rank: scaleRank(item.domain_from_rank, scale),
  };
}

// ---------------------------------------------------------------------------------------------
// Aggregation (summary and anchors)

class Counter {
  private m = new Map<string, number>();
  add(key: string, by = 1): void {
    this.m.set(key, (this.m.get(key) ?? 0) + by);
  }
  top(limit: number): Record<string, number> | null {
    if (this.m.size === 0) return null;
    const entries = [...this.m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Record<string, number> = {};
    for (const [k, v] of entries.slice(0, limit)) out[k] = v;
    return out;
  }
}

export interface Aggregate {
  backlinks: number;
  first_seen: string | null;
  last_lost: string | null;
  all_lost: boolean;
  max_rank: number;
  spam_avg: number | null;
  broken_backlinks: number;
  broken_pages: number;
  referring_domains: number;
  referring_domains_nofollow: number;
  referring_main_domains: number;
  referring_main_domains_nofollow: number;
  referring_ips: number;
  referring_subnets: number;
  referring_pages: number;
  referring_pages_nofollow: number;
  referring_links_tld: Record<string, number> | null;
  referring_links_types: Record<string, number> | null;
  referring_links_attributes: Record<string, number> | null;
  referring_links_platform_types: Record<string, number> | null;
  referring_links_semantic_locations: Record<string, number> | null;
  referring_links_countries: Record<string, number> | null;
}

/** Counts over a set of rows; ranks are taken from the (already scaled) items. */
export function aggregate(rows: readonly Row[], listLimit: number): Aggregate {
  const domains = new Set<string>();
  const domainsNofollow = new Set<string>();
  const mains = new Set<string>();
  const mainsNofollow = new Set<string>();
  const ips = new Set<string>();
  const subnets = new Set<string>();
  const pages = new Set<string>();
  const pagesNofollow = new Set<string>();
  const brokenPages = new Set<string>();
  const tld = new Counter();
  const types = new Counter();
  const attrs = new Counter();
  const platforms = new Counter();
  const semantic = new Counter();
  const countries = new Counter();
  let first: string | null = null;
  let lastLost: string | null = null;
  let allLost = rows.length > 0;
  let maxRank = 0;
  let spam = 0;
  let broken = 0;
  for (const { item, mainDomain, subnet } of rows) {
    domains.add(item.domain_from);
    mains.add(mainDomain);
    ips.add(item.domain_from_ip);
    subnets.add(subnet);
    pages.add(item.url_from);
    if (!item.dofollow) {
      domainsNofollow.add(item.domain_from);
      mainsNofollow.add(mainDomain);
      pagesNofollow.add(item.url_from);
    }
    if (item.is_broken) {
      broken++;
      brokenPages.add(item.url_to);
    }
    if (first === null || item.first_seen < first) first = item.first_seen;
    if (item.is_lost) {
      if (lastLost === null || item.last_seen > lastLost) lastLost = item.last_seen;
    } else allLost = false;
    if (item.rank > maxRank) maxRank = item.rank;
    spam += item.backlink_spam_score;
    tld.add(item.tld_from);
    types.add(item.item_type);
    for (const a of item.attributes ?? []) attrs.add(a);
    for (const p of item.domain_from_platform_type ?? ['unknown']) platforms.add(p);
    semantic.add(item.semantic_location ?? '');
    countries.add(item.domain_from_country ?? '');
  }
  return {
    backlinks: rows.length,
    first_seen: first,
    last_lost: lastLost,
    all_lost: allLost,
    max_rank: maxRank,
    spam_avg: rows.length ? Math.round(spam / rows.length) : null,
    broken_backlinks: broken,
    broken_pages: brokenPages.size,
    referring_domains: domains.size,
    referring_domains_nofollow: domainsNofollow.size,
    referring_main_domains: mains.size,
    referring_main_domains_nofollow: mainsNofollow.size,
    referring_ips: ips.size,
    referring_subnets: subnets.size,
    referring_pages: pages.size,
    referring_pages_nofollow: pagesNofollow.size,
    referring_links_tld: tld.top(listLimit),
    referring_links_types: types.top(listLimit),
    referring_links_attributes: attrs.top(listLimit),
    referring_links_platform_types: platforms.top(listLimit),
    referring_links_semantic_locations: semantic.top(listLimit),
    referring_links_countries: countries.top(listLimit),
  };
}

export function summaryResult(target: string, ds: Dataset, rows: readonly Row[], listLimit: number, scale: RankScale): Record<string, unknown> {
  if (ds.rows.length === 0) {
    return {
      target,
      first_seen: null,
      lost_date: null,
      rank: null,
      backlinks: 0,
      backlinks_spam_score: null,
      crawled_pages: null,
      info: null,
      internal_links_count: null,
      external_links_count: null,
      broken_backlinks: 0,
      broken_pages: null,
      referring_domains: 0,
      referring_domains_nofollow: null,
      referring_main_domains: 0,
      referring_main_domains_nofollow: null,
      referring_ips: null,
      referring_subnets: null,
      referring_pages: 0,
      referring_links_tld: null,
      referring_links_types: null,
      referring_links_attributes: null,
      referring_links_platform_types: null,
      referring_links_semantic_locations: null,
      referring_links_countries: null,
      referring_pages_nofollow: null,
    };
  }
  const a = aggregate(rows, listLimit);
  const p = ds.profile;
  return {
    target,
    first_seen: a.first_seen,
    lost_date: a.all_lost ? a.last_lost : null,
    rank: scaleRank(p.rankBase, scale),
    backlinks: a.backlinks,
    backlinks_spam_score: a.spam_avg ?? 0,
    crawled_pages: p.crawledPages,
    info: {
      server: p.server,
      cms: p.cms,
      platform_type: [...p.platformType],
      ip_address: p.ip,
      country: p.country,
      is_ip: false,
      target_spam_score: p.targetSpamScore,
    },
    internal_links_count: p.internalLinks,
    external_links_count: p.externalLinks,
    broken_backlinks: a.broken_backlinks,
    broken_pages: p.brokenPages,
    referring_domains: a.referring_domains,
    referring_domains_nofollow: a.referring_domains_nofollow,
    referring_main_domains: a.referring_main_domains,
    referring_main_domains_nofollow: a.referring_main_domains_nofollow,
    referring_ips: a.referring_ips,
    referring_subnets: a.referring_subnets,
    referring_pages: a.referring_pages,
    referring_links_tld: a.referring_links_tld,
    referring_links_types: a.referring_links_types,
    referring_links_attributes: a.referring_links_attributes,
    referring_links_platform_types: a.referring_links_platform_types,
    referring_links_semantic_locations: a.referring_links_semantic_locations,
    referring_links_countries: a.referring_links_countries,
    referring_pages_nofollow: a.referring_pages_nofollow,
  };
}

export interface AnchorItem {
  type: 'backlinks_anchor';
  anchor: string;
  rank: number;
  backlinks: number;
  first_seen: string | null;
  lost_date: string | null;
  backlinks_spam_score: number | null;
  broken_backlinks: number;
  broken_pages: number;
  referring_domains: number;
  referring_domains_nofollow: number;
  referring_main_domains: number;
  referring_main_domains_nofollow: number;
  referring_ips: number;
  referring_subnets: number;
  referring_pages: number;
  referring_links_tld: Record<string, number> | null;
  referring_links_types: Record<string, number> | null;
  referring_links_attributes: Record<string, number> | null;
  referring_links_platform_types: Record<string, number> | null;
  referring_links_semantic_locations: Record<string, number> | null;
  referring_links_countries: Record<string, number> | null;
  referring_pages_nofollow: number;
}

/** One anchor item per distinct anchor text among the rows (links without anchor text are left out). */
export function anchorItems(rows: readonly Row[], listLimit: number): { item: AnchorItem; idx: number }[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const a = row.item.anchor;
    if (a === null) continue;
    let g = groups.get(a);
    if (!g) groups.set(a, (g = []));
    g.push(row);
  }
  const out: { item: AnchorItem; idx: number }[] = [];
  for (const [anchor, g] of groups) {
    const a = aggregate(g, listLimit);
    out.push({
      idx: out.length,
      item: {
        type: 'backlinks_anchor',
        anchor,
        rank: a.max_rank,
        backlinks: a.backlinks,
        first_seen: a.first_seen,
        lost_date: a.all_lost ? a.last_lost : null,
        backlinks_spam_score: a.spam_avg,
        broken_backlinks: a.broken_backlinks,
        broken_pages: a.broken_pages,
        referring_domains: a.referring_domains,
        referring_domains_nofollow: a.referring_domains_nofollow,
        referring_main_domains: a.referring_main_domains,
        referring_main_domains_nofollow: a.referring_main_domains_nofollow,
        referring_ips: a.referring_ips,
        referring_subnets: a.referring_subnets,
        referring_pages: a.referring_pages,
        referring_links_tld: a.referring_links_tld,
        referring_links_types: a.referring_links_types,
        referring_links_attributes: a.referring_links_attributes,
        referring_links_platform_types: a.referring_links_platform_types,
        referring_links_semantic_locations: a.referring_links_semantic_locations,
        referring_links_countries: a.referring_links_countries,
        referring_pages_nofollow: a.referring_pages_nofollow,
      },
    });
  }
  return out;
}
