import type { ComponentChildren } from 'preact';
import { Bars, Count } from '../common';
import { formatDate, formatExact } from '../../lib/format';
import type { Profile } from '../../lib/model';
import type { Settings } from '../../lib/settings/fields';
import { SplitBar } from './SplitBar';
import { followSplit, rankOutOf, spamScore } from './logic';

function Stat(props: { label: string; testid?: string; children: ComponentChildren; title?: string }) {
  return (
    <div class="p-stat" data-testid={props.testid} title={props.title}>
      <div class="p-stat-label">{props.label}</div>
      <div class="p-stat-value">{props.children}</div>
    </div>
  );
}

function Fact(props: { label: string; testid?: string; children: ComponentChildren }) {
  return (
    <div class="p-fact" data-testid={props.testid}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function spamClass(score: number | null): string {
  if (score == null) return '';
  return score >= 60 ? 'bad' : score >= 30 ? 'warn' : 'good';
}

/** The headline numbers of a profile: rank, backlinks, referring domains. */
export function ProfileHeadline(props: { profile: Profile; rankScale: Settings['rankScale'] }) {
  const p = props.profile;
  return (
    <div class="p-stats" data-testid="profile">
      <Stat label="Rank" testid="rank" title={p.rank == null ? undefined : `Rank ${formatExact(p.rank)} on a scale to ${rankOutOf(props.rankScale).slice(1)}`}>
        <span class="num">{p.rank == null ? '—' : formatExact(p.rank)}</span>
        <span class="p-outof">{rankOutOf(props.rankScale)}</span>
      </Stat>
      <Stat label="Backlinks" testid="backlinks">
        <Count value={p.backlinks} />
      </Stat>
      <Stat label="Ref. domains" testid="referring-domains" title="Referring domains">
        <Count value={p.referringDomains} />
      </Stat>
    </div>
  );
}

/** Dofollow vs nofollow, by referring domains and by referring pages. */
export function ProfileSplits(props: { profile: Profile }) {
  const p = props.profile;
  const domains = followSplit(p.referringDomains, p.referringDomainsNofollow);
  const pages = followSplit(p.referringPages, p.referringPagesNofollow);
  if (!domains && !pages) return null;
  return (
    <div class="p-splits">
      {domains && <SplitBar label="Referring domains" dofollow={domains.dofollow} nofollow={domains.nofollow} testid="follow-domains" />}
      {pages && <SplitBar label="Referring pages" dofollow={pages.dofollow} nofollow={pages.nofollow} testid="follow-pages" />}
    </div>
  );
}

/** The secondary counts, dates and what is known about the target's server. */
export function ProfileFacts(props: { profile: Profile }) {
  const p = props.profile;
  const spam = spamScore(p);
  const info = p.info;
  const infoParts: [string, string][] = [];
  if (info.country) infoParts.push(['Country', info.country]);
  if (info.server) infoParts.push(['Server', info.server]);
  if (info.cms) infoParts.push(['CMS', info.cms]);
  if (info.ipAddress) infoParts.push(['IP', info.ipAddress]);
  const platforms = info.platformTypes.filter((t) => t && t !== 'unknown');
  if (platforms.length) infoParts.push(['Type', platforms.join(', ')]);

  return (
    <div class="p-facts-wrap">
      <dl class="p-facts">
        <Fact label="Main domains" testid="referring-main-domains"><Count value={p.referringMainDomains} /></Fact>
        <Fact label="Referring IPs" testid="referring-ips"><Count value={p.referringIps} /></Fact>
        <Fact label="Subnets" testid="referring-subnets"><Count value={p.referringSubnets} /></Fact>
        <Fact label="Spam score" testid="spam-score">
          <span class={`num p-spam ${spamClass(spam)}`} title={p.backlinksSpamScore == null ? undefined : `Backlinks' average spam score: ${p.backlinksSpamScore}`}>
            {spam == null ? '—' : `${spam}/100`}
          </span>
        </Fact>
        <Fact label="Broken backlinks" testid="broken-backlinks"><Count value={p.brokenBacklinks} /></Fact>
        <Fact label="Broken pages" testid="broken-pages"><Count value={p.brokenPages} /></Fact>
        <Fact label="Crawled pages" testid="crawled-pages"><Count value={p.crawledPages} /></Fact>
        <Fact label="First seen" testid="first-seen"><span class="num">{formatDate(p.firstSeen)}</span></Fact>
        {p.lostDate && (
          <Fact label="Lost" testid="lost-date"><span class="num p-lost">{formatDate(p.lostDate)}</span></Fact>
        )}
      </dl>
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
    <details class="p-breakdowns" data-testid="breakdowns" open>
      <summary>Where the links come from</summary>
      <div class="p-bd-grid">
        <Breakdown title="Top TLDs" items={p.tlds} />
        <Breakdown title="Countries" items={p.countries} emptyLabel="(unknown)" />
        <Breakdown title="Link types" items={p.linkTypes} />
        <Breakdown title="Link attributes" items={p.linkAttributes} />
        <Breakdown title="Platforms" items={p.platformTypes} />
      </div>
    </details>
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
