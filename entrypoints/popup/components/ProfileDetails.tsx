import type { ComponentChildren } from 'preact';
import { Bars, Count } from '@/components/common';
import { formatDate, formatExact } from '@/lib/format';
import type { Profile } from '@/lib/model';
import { SplitBar } from './SplitBar';
import { backlinkFollowSplit, shownAttributes, shownPlatforms } from './logic';

/**
 * The popup's details, below the fold in a closed <details>: secondary counts, the nofollow counts,
 * the target's server and the breakdowns. (Loading them with import() was tried: the dynamic-import
 * helper it brings costs the popup as much at open as the chunk saves.)
 */

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

/** Everything the details show. */
export function ProfileDetails(props: { profile: Profile }) {
  return (
    <>
      <ProfileFacts profile={props.profile} />
      <ProfileBreakdowns profile={props.profile} />
    </>
  );
}
