import type { ComponentChildren } from 'preact';
import { Count } from '@/components/common/Count';
import { formatDate, formatExact, formatShare } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';
import type { Profile } from '@/lib/model';
import type { Scope } from '@/lib/lookupTarget';
import type { Settings } from '@/lib/settings/fields';
import { figureChange, type FigureChange } from '@/lib/change';
import type { EarlierCheck } from '@/lib/messages';
import { backlinkFollowSplit, rankOutOf, spamLevel, spamScore } from './logic';

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

const SCOPE_RANK: Record<Scope, MessageKey> = { domain: 'popupRankDomain', host: 'popupRankHost', page: 'popupRankPage' };

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
        label={`${t(SCOPE_RANK[props.scope ?? 'domain'])} · DataForSEO`}
        testid="rank"
        change={figureChange('rank', p.rank, earlier)}
        title={t('popupRankTip', outOf.slice(1))}
      >
        <span class="num">{p.rank == null ? '—' : formatExact(p.rank)}</span>
        <span class="p-outof">{outOf}</span>
      </Stat>
      <Stat label={t('popupBacklinks')} testid="backlinks" title={t('popupBacklinksTip')} change={figureChange('backlinks', p.backlinks, earlier)}>
        <Count value={p.backlinks} />
      </Stat>
      <Stat
        label={t('popupRefDomains')}
        testid="referring-domains"
        title={t('popupRefDomainsTip')}
        change={figureChange('referringDomains', p.referringDomains, earlier)}
      >
        <Count value={p.referringDomains} />
      </Stat>
      <Stat
        label={t('popupSpam')}
        testid="spam-score"
        title={
          spamOwn
            ? t('popupSpamOwnTip')
            : t('popupSpamLinksTip')
        }
      >
        <span class={`num p-spam ${spamLevel(spam)}`} data-level={spamLevel(spam)}>{spam == null ? '—' : formatExact(spam)}</span>
        <span class="p-outof">/100</span>
      </Stat>
      <Stat
        label={t('popupDofollow')}
        testid="dofollow-share"
        title={
          split
            ? t('popupDofollowTip', formatExact(split.dofollow), formatExact(split.total))
            : t('popupDofollowNone')
        }
      >
        <span class="num">{split ? formatShare(split.dofollow, split.total) : '—'}</span>
      </Stat>
      {p.lostDate ? (
        <Stat label={t('popupLost')} testid="lost-date" title={t('popupLostTip')}>
          <span class="num p-lost">{formatDate(p.lostDate)}</span>
        </Stat>
      ) : (
        <Stat label={t('popupFirstSeen')} testid="first-seen" title={t('popupFirstSeenTip')}>
          <span class="num p-date">{formatDate(p.firstSeen)}</span>
        </Stat>
      )}
    </div>
  );
}
