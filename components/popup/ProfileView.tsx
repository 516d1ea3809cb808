import type { ComponentChildren } from 'preact';
import { Bars, Count } from '../common';
import { formatDate, formatExact, formatShare } from '../../lib/format';
import type { Profile } from '../../lib/model';
import type { Scope } from '../../lib/lookupTarget';
import type { Settings } from '../../lib/settings/fields';
import { SplitBar } from './SplitBar';
import { figureChange, type FigureChange } from '../../lib/change';
import type { EarlierCheck } from '../../lib/messages';
import { backlinkFollowSplit, rankOutOf, shownAttributes, shownPlatforms, spamLevel, spamScore } from './logic';

/**
 * One headline figure; `title` is its one-line meaning in the API's terms, shown on hover and read on
 * focus (the tile is focusable and described by it). `change`: what changed since the earlier check.
 */
function Stat(props: { label: string; testid: string; children: ComponentChildren; title: string; change?: FigureChange | null }) {
  const meaning = `${props.testid}-meaning`;
  const change = props.change;
  return (
    <div class="p-stat" data-testid={props.testid} title={props.title} tabIndex={0} aria-describedby={meaning}>
      <div class="p-stat-label">{props.label}</div>
      <div class="p-stat-value">{props.children}</div>
      {change && (
        <div class={`p-change ${change.sameOptions ? change.direction : 'other'}`} data-testid={`change-${props.testid}`} title={change.title}>
          {change.text}
        </div>
      )}
      <span id={meaning} class="sr-only">
        {props.title}
        {change ? ` ${change.title}` : ''}
      </span>
    </div>
  );
}

/** One secondary figure, explained like the headline ones (hover, and focus with its description). */
function Fact(props: { label: string; testid: string; title: string; children: ComponentChildren }) {
  const meaning = `${props.testid}-meaning`;
  return (
    <div class="p-fact" data-testid={props.testid} title={props.title} tabIndex={0} aria-describedby={meaning}>
      <dt>{props.label}</dt>
      <dd>
        {props.children}
        <span id={meaning} class="sr-only">{props.title}</span>
      </dd>
    </div>
  );
}

const SCOPE_RANK: Record<Scope, string> = { domain: 'Domain rank', host: 'Host rank', page: 'Page rank' };

/**
 * The figures read at a glance: rank (with its scale and source), backlinks, referring domains, spam
 * score, dofollow share of backlinks and first seen / lost. Each tile carries the API's meaning.
 */
export function ProfileHeadline(props: {
  profile: Profile;
  rankScale: Settings['rankScale'];
  scope?: Scope;
  /** The earlier check of this target and scope whose figures differ (from the history, free). */
  earlier?: EarlierCheck | null;
}) {
  const p = props.profile;
  const earlier = props.earlier ?? null;
  const outOf = rankOutOf(props.rankScale);
  const spam = spamScore(p);
  const spamOwn = p.info.targetSpamScore != null;
  const split = backlinkFollowSplit(p);
  return (
    <div class="p-stats" data-testid="profile">
      <Stat
        label={`${SCOPE_RANK[props.scope ?? 'domain']} · DataForSEO`}
        testid="rank"
        change={figureChange('rank', p.rank, earlier)}
        title={`DataForSEO's rank of the target, on a scale of 0–${outOf.slice(1)} (higher: stronger backlink profile)`}
      >
        <span class="num">{p.rank == null ? '—' : formatExact(p.rank)}</span>
        <span class="p-outof">{outOf}</span>
      </Stat>
      <Stat label="Backlinks" testid="backlinks" title="Number of backlinks pointing to the target (counted by the backlink status and subdomain options in Settings)" change={figureChange('backlinks', p.backlinks, earlier)}>
        <Count value={p.backlinks} />
      </Stat>
      <Stat
        label="Referring domains"
        testid="referring-domains"
        title="Number of domains with backlinks to the target (subdomains count as separate domains)"
        change={figureChange('referringDomains', p.referringDomains, earlier)}
      >
        <Count value={p.referringDomains} />
      </Stat>
      <Stat
        label="Spam score"
        testid="spam-score"
        title={
          spamOwn
            ? 'Spam score of the target (average over its pages), 0–100; amber from 30, red from 60'
            : 'Spam score of the backlinks pointing to the target, 0–100; amber from 30, red from 60'
        }
      >
        <span class={`num p-spam ${spamLevel(spam)}`} data-level={spamLevel(spam)}>{spam == null ? '—' : formatExact(spam)}</span>
        <span class="p-outof">/100</span>
      </Stat>
      <Stat
        label="Dofollow backlinks"
        testid="dofollow-share"
        title={
          split
            ? `${formatExact(split.dofollow)} of ${formatExact(split.total)} backlinks carry no nofollow attribute: the backlinks minus the links counted with nofollow (ugc and sponsored links are counted apart, under Link attributes)`
            : 'Unknown: the API gave no link-attribute counts'
        }
      >
        <span class="num">{split ? formatShare(split.dofollow, split.total) : '—'}</span>
      </Stat>
      {p.lostDate ? (
        <Stat label="Lost" testid="lost-date" title="When the crawler found the target answering 4xx/5xx or its last backlink removed">
          <span class="num p-lost">{formatDate(p.lostDate)}</span>
        </Stat>
      ) : (
        <Stat label="First seen" testid="first-seen" title="When DataForSEO's crawler first found a backlink to the target">
          <span class="num p-date">{formatDate(p.firstSeen)}</span>
        </Stat>
      )}
    </div>
  );
}

/** The secondary counts, the nofollow counts in the API's meaning and what is known about the target's server. */
export function ProfileFacts(props: { profile: Profile }) {
  const p = props.profile;
  const info = p.info;
  const split = backlinkFollowSplit(p);
  const infoParts: [string, string][] = [];
  if (info.country) infoParts.push(['Country', info.country]);
  if (info.server) infoParts.push(['Server', info.server]);
  if (info.cms) infoParts.push(['CMS', info.cms]);
  if (info.ipAddress) infoParts.push(['IP', info.ipAddress]);
  const platforms = info.platformTypes.filter((t) => t && t !== 'unknown');
  if (platforms.length) infoParts.push(['Type', platforms.join(', ')]);

  return (
    <div class="p-facts-wrap">
      {split && (
        <div class="p-splits">
          <SplitBar label="Backlinks" dofollow={split.dofollow} nofollow={split.nofollow} testid="follow-backlinks" />
        </div>
      )}
      <dl class="p-facts">
        <Fact label="Ref. pages" testid="referring-pages" title="Number of pages pointing to the target"><Count value={p.referringPages} /></Fact>
        <Fact label="Main domains" testid="referring-main-domains" title="Number of referring main domains (subdomains counted with their main domain)"><Count value={p.referringMainDomains} /></Fact>
        <Fact label="Referring IPs" testid="referring-ips" title="Number of IP addresses pointing to the target"><Count value={p.referringIps} /></Fact>
        <Fact label="Subnets" testid="referring-subnets" title="Number of referring subnetworks"><Count value={p.referringSubnets} /></Fact>
        <Fact label="Broken backlinks" testid="broken-backlinks" title="Number of broken backlinks pointing to the target"><Count value={p.brokenBacklinks} /></Fact>
        <Fact label="Broken pages" testid="broken-pages" title="Pages of the target that answer 4xx or 5xx (found through external links or its sitemap)"><Count value={p.brokenPages} /></Fact>
        <Fact label="Crawled pages" testid="crawled-pages" title="Number of pages of the target the crawler visited"><Count value={p.crawledPages} /></Fact>
        {p.lostDate && (
          <Fact label="First seen" testid="first-seen" title="When DataForSEO's crawler first found a backlink to the target">
            <span class="num">{formatDate(p.firstSeen)}</span>
          </Fact>
        )}
      </dl>
      <ul class="p-nofollow" data-testid="nofollow-counts">
        {p.referringDomainsNofollow != null && (
          <li data-testid="nofollow-domains" title="Domains pointing at least one nofollow link to the target (mixed domains count here)">
            <span class="num">{formatExact(p.referringDomainsNofollow)}</span> of {formatExact(p.referringDomains)} referring domains have at least one nofollow link
          </li>
        )}
        {p.referringPagesNofollow != null && (
          <li data-testid="nofollow-pages" title="Referring pages pointing at least one nofollow link to the target">
            <span class="num">{formatExact(p.referringPagesNofollow)}</span> of {formatExact(p.referringPages)} referring pages have at least one nofollow link
          </li>
        )}
      </ul>
      {infoParts.length > 0 && (
        <div class="p-info" data-testid="target-info">
          {infoParts.map(([k, v]) => (
            <span class="p-info-item" key={k}>
              <span class="faint">{k} </span>
              <span class="p-info-value" title={v}>{v}</span>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

/** The top TLDs, countries, link types, link attributes and platforms of the referring links. */
export function ProfileBreakdowns(props: { profile: Profile }) {
  const p = props.profile;
  return (
    <div class="p-breakdowns" data-testid="breakdowns">
      <div class="p-bd-grid">
        <Breakdown title="Top TLDs" items={p.tlds} />
        <Breakdown title="Countries" items={p.countries} emptyLabel="(unknown)" />
        <Breakdown title="Link types" items={p.linkTypes} />
        <Breakdown title="Link attributes" items={shownAttributes(p.linkAttributes)} />
        <Breakdown title="Platforms" items={shownPlatforms(p.platformTypes)} />
      </div>
    </div>
  );
}

function Breakdown(props: { title: string; items: { key: string; count: number }[]; emptyLabel?: string }) {
  return (
    <section class="p-bd">
      <h3>{props.title}</h3>
      <Bars items={props.items} label={props.title} max={5} emptyLabel={props.emptyLabel ?? '(none)'} />
    </section>
  );
}
