import './details.css';
import type { ComponentChildren } from 'preact';
import { Bars } from './Bars';
import { Count } from '@/components/common/Count';
import { formatDate, formatExact } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { Profile } from '@/lib/model';
import { SplitBar } from './SplitBar';
import { shownAttributes, shownPlatforms } from './breakdowns';
import { backlinkFollowSplit } from './logic';

/**
 * The popup's details, below the fold in a closed <details>: secondary counts, the nofollow counts,
 * the target's server and the breakdowns. Loaded (with its styles) after the first paint, by
 * `later()` in App.tsx, together with the opt-in trend and the Copy text, which is what makes the
 * dynamic-import helper they bring worth its bytes.
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
  if (info.country) infoParts.push([t('popupCountry'), info.country]);
  if (info.server) infoParts.push([t('popupServer'), info.server]);
  if (info.cms) infoParts.push([t('popupCms'), info.cms]);
  if (info.ipAddress) infoParts.push([t('popupIp'), info.ipAddress]);
  const platforms = info.platformTypes.filter((t) => t && t !== 'unknown');
  if (platforms.length) infoParts.push([t('popupType'), platforms.join(', ')]);

  return (
    <div class="p-facts-wrap">
      {split && (
        <div class="p-splits">
          <SplitBar label={t('popupBacklinks')} dofollow={split.dofollow} nofollow={split.nofollow} testid="follow-backlinks" />
        </div>
      )}
      <dl class="p-facts">
        <Fact label={t('popupRefPages')} testid="referring-pages" title={t('popupRefPagesTip')}><Count value={p.referringPages} /></Fact>
        <Fact label={t('popupMainDomains')} testid="referring-main-domains" title={t('popupMainDomainsTip')}><Count value={p.referringMainDomains} /></Fact>
        <Fact label={t('popupRefIps')} testid="referring-ips" title={t('popupRefIpsTip')}><Count value={p.referringIps} /></Fact>
        <Fact label={t('popupSubnets')} testid="referring-subnets" title={t('popupSubnetsTip')}><Count value={p.referringSubnets} /></Fact>
        <Fact label={t('popupBroken')} testid="broken-backlinks" title={t('popupBrokenTip')}><Count value={p.brokenBacklinks} /></Fact>
        <Fact label={t('popupBrokenPages')} testid="broken-pages" title={t('popupBrokenPagesTip')}><Count value={p.brokenPages} /></Fact>
        <Fact label={t('popupCrawled')} testid="crawled-pages" title={t('popupCrawledTip')}><Count value={p.crawledPages} /></Fact>
        {p.lostDate && (
          <Fact label={t('popupFirstSeen')} testid="first-seen" title={t('popupFirstSeenTip')}>
            <span class="num">{formatDate(p.firstSeen)}</span>
          </Fact>
        )}
      </dl>
      <ul class="p-nofollow" data-testid="nofollow-counts">
        {p.referringDomainsNofollow != null && (
          <li data-testid="nofollow-domains" title={t('popupNfDomainsTip')}>
            <span class="num">{formatExact(p.referringDomainsNofollow)}</span> {t('popupNfDomains', formatExact(p.referringDomains))}
          </li>
        )}
        {p.referringPagesNofollow != null && (
          <li data-testid="nofollow-pages" title={t('popupNfPagesTip')}>
            <span class="num">{formatExact(p.referringPagesNofollow)}</span> {t('popupNfPages', formatExact(p.referringPages))}
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
        <Breakdown title={t('popupTlds')} items={p.tlds} />
        <Breakdown title={t('popupCountries')} items={p.countries} emptyLabel={t('popupUnknown')} />
        <Breakdown title={t('popupLinkTypes')} items={p.linkTypes} />
        <Breakdown title={t('popupLinkAttrs')} items={shownAttributes(p.linkAttributes)} />
        <Breakdown title={t('popupPlatforms')} items={shownPlatforms(p.platformTypes)} />
      </div>
    </div>
  );
}

function Breakdown(props: { title: string; items: { key: string; count: number }[]; emptyLabel?: string }) {
  return (
    <section class="p-bd">
      <h3>{props.title}</h3>
      <Bars items={props.items} label={props.title} max={5} emptyLabel={props.emptyLabel ?? t('popupNone')} />
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
