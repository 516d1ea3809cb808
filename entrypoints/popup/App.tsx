import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ErrorNotice, Skeleton } from '@/components/common';
import { AnchorsView } from '@/entrypoints/popup/components/AnchorsView';
import { ProfileDetails } from '@/entrypoints/popup/components/ProfileDetails';
import { ProfileHeadline } from '@/entrypoints/popup/components/ProfileView';
import { ScopeSwitch } from '@/entrypoints/popup/components/ScopeSwitch';
import { trendEstimate } from '@/entrypoints/popup/components/TrendSlot';
import { TrendSparkline } from '@/entrypoints/popup/components/TrendSparkline';
import {
  freshness,
  spentToday,
  summaryText,
  TOP_ANCHORS,
} from '@/entrypoints/popup/components/logic';
import { ask } from '@/lib/ask';
import { MAX_RESOLVE_URL } from '@/lib/defaults';
import { targetDisplay } from '@/lib/display';
import { queryOptionsFrom } from '@/lib/settings/query';
import type { AppError } from '@/lib/errors';
import { formatAgo, formatExact, formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { FetchMode, Quote, ReplyMeta, SiteTargets } from '@/lib/messages';
import type { AnchorsPage, Profile } from '@/lib/model';
import { openPanelWith } from '@/lib/handover';
import type { Scope } from '@/lib/lookupTarget';
import type { Settings } from '@/lib/settings/fields';
import { askWithRetry, readShortcut, retryMode, saveScope, type ShortcutInfo } from './io';

type Part<T> =
  | { status: 'idle' }
  /** `prev`: what was shown before a refresh, kept on screen (dimmed) until the new answer. */
  | { status: 'loading'; prev: { data: T; meta: ReplyMeta } | null }
  | { status: 'ready'; data: T; meta: ReplyMeta }
  | { status: 'error'; error: AppError };

type Phase =
  | { kind: 'starting' }
  | { kind: 'unsupported'; message: string }
  | { kind: 'onboarding' }
  | { kind: 'failed'; error: AppError }
  | {
      kind: 'site';
      site: SiteTargets;
      tabId: number | null;
      windowId: number | null;
      settings: Settings;
      /** What Refresh would cost, as the worker quoted it. */
      refreshQuote: Quote;
    };

type PartName = 'profile' | 'anchors';

/**
 * The active tab, then ONE request to the worker (`checkTab`): the tab's targets (the worker holds
 * the Public Suffix List), the settings, the scope last used for the site and the profile + top
 * anchors (cached, or both paid calls at once). Starts as this module loads, before the first render.
 */
function gather() {
  return (async () => {
    let tab: { id?: number; url?: string; windowId?: number } | undefined;
    try {
      [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    } catch {
      tab = undefined;
    }
    const url = (tab?.url ?? '').trim().slice(0, MAX_RESOLVE_URL);
    const reply = await askWithRetry({ type: 'checkTab', url });
    return { tab, reply };
  })();
}
let early: ReturnType<typeof gather> | null = gather();

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [scope, setScope] = useState<Scope>('domain');
  const [profile, setProfile] = useState<Part<Profile>>({ status: 'idle' });
  const [anchors, setAnchors] = useState<Part<AnchorsPage>>({ status: 'idle' });
  const [spendFallback, setSpendFallback] = useState<number | null>(null);
  const [shortcut, setShortcut] = useState<ShortcutInfo | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [panelError, setPanelError] = useState<string | null>(null);
  /** Bumped on every new request of a part; older answers are dropped. */
  const generation = useRef<Record<PartName, number>>({ profile: 0, anchors: 0 });

  useEffect(() => {
    void start();
    void readShortcut().then(setShortcut);
  }, []);

  async function start() {
    setPhase({ kind: 'starting' });
    // The first opening uses what the module began reading before the first render.
    const { tab, reply } = await (early ?? gather());
    early = null;
    if (!reply.ok) {
      setPhase(
        reply.error.kind === 'unsupported-target'
          ? { kind: 'unsupported', message: reply.error.message }
          : { kind: 'failed', error: reply.error },
      );
      return;
    }
    const answer = reply.data;
    if (!answer.signedIn || !answer.profile || !answer.anchors) {
      setPhase({ kind: 'onboarding' });
      return;
    }
    const next: Phase = {
      kind: 'site',
      site: answer.site,
      tabId: tab?.id ?? null,
      windowId: tab?.windowId ?? null,
      settings: answer.settings,
      refreshQuote: answer.refreshQuote,
    };
    setScope(answer.scope);
    setPhase(next);
    // The answers came with the same reply: shown as they are, nothing asked again.
    const ids = { profile: ++generation.current.profile, anchors: ++generation.current.anchors };
    const oks = [
      showPart('profile', ids.profile, answer.profile, setProfile),
      showPart('anchors', ids.anchors, answer.anchors, setAnchors),
    ];
    if (!oks.some(Boolean)) void spendInstead();
  }

  /** Show one part's reply if it is still the latest asked for; whether it succeeded. */
  function showPart<T>(
    name: PartName,
    id: number,
    reply: { ok: true; data: T; meta: ReplyMeta } | { ok: false; error: AppError },
    set: (part: Part<T>) => void,
  ): boolean {
    if (generation.current[name] !== id) return false;
    set(reply.ok ? { status: 'ready', data: reply.data, meta: reply.meta } : { status: 'error', error: reply.error });
    if (!reply.ok && reply.error.kind === 'no-credentials') setPhase({ kind: 'onboarding' });
    return reply.ok;
  }

  /** Nothing arrived with a meta (every part failed): today's spend comes from the ledger instead (free). */
  async function spendInstead() {
    const gens = { ...generation.current };
    const spend = await ask({ type: 'spend' });
    if (spend.ok && gens.profile === generation.current.profile && gens.anchors === generation.current.anchors) {
      setSpendFallback(spend.data.today);
    }
  }

  /** Ask for the parts in parallel; each one renders as soon as it arrives. */
  function check(ph: Phase, sc: Scope, mode: FetchMode, parts: PartName[], keepPrevious: boolean) {
    if (ph.kind !== 'site') return;
    const target = ph.site[sc];
    const options = queryOptionsFrom(ph.settings);
    setSpendFallback(null);
    setCopyState('idle');
    const settled: Promise<boolean>[] = [];
    if (parts.includes('profile')) {
      const id = ++generation.current.profile;
      setProfile((prev) => ({ status: 'loading', prev: keepPrevious ? shown(prev) : null }));
      settled.push(askWithRetry({ type: 'profile', params: { target, options }, mode }).then((r) => showPart('profile', id, r, setProfile)));
    }
    if (parts.includes('anchors')) {
      const id = ++generation.current.anchors;
      setAnchors((prev) => ({ status: 'loading', prev: keepPrevious ? shown(prev) : null }));
      const params = { target, options, limit: TOP_ANCHORS, offset: 0, sort: 'backlinks' as const, text: '' };
      settled.push(askWithRetry({ type: 'anchors', params, mode }).then((r) => showPart('anchors', id, r, setAnchors)));
    }
    void Promise.all(settled).then((oks) => {
      if (!oks.some(Boolean)) void spendInstead();
    });
  }

  function changeScope(next: Scope) {
    if (phase.kind !== 'site') return;
    setScope(next);
    void saveScope(phase.site.domain.value, next);
    check(phase, next, 'normal', ['profile', 'anchors'], false);
  }

  function openOptions() {
    void browser.runtime.openOptionsPage().then(() => window.close());
  }

  /** Opens the side panel with the site's backlinks, or (links) after reading the page's links. */
  function openPanel(links = false) {
    if (phase.kind !== 'site') return;
    // Opens synchronously inside the click (the browser requires a user gesture), then hands the target over
    // (with "links", the panel shows the Links view and the worker injects the scan into this tab, activeTab).
    const handing = openPanelWith({ tabId: phase.tabId, windowId: phase.windowId }, { target: phase.site[scope], view: links ? 'links' : null });
    const scanning: Promise<PromiseSettledResult<unknown>> =
      links && phase.tabId != null
        ? ask({ type: 'scanLinks', tabId: phase.tabId }).then(
            (r): PromiseSettledResult<unknown> => (r.ok ? { status: 'fulfilled', value: r } : { status: 'rejected', reason: r.error }),
          )
        : Promise.resolve({ status: 'fulfilled', value: null });
    void Promise.all([handing, scanning]).then(([{ opened, told }, scanned]) => {
      if (opened.status === 'fulfilled' && told.status === 'fulfilled' && scanned.status === 'fulfilled') window.close();
      else if (scanned.status === 'rejected') setPanelError((scanned.reason as { message: string }).message);
      else setPanelError(t('popupPanelFailed'));
    });
  }

  async function copy() {
    if (phase.kind !== 'site') return;
    const p = profile.status === 'ready' ? profile : null;
    const a = anchors.status === 'ready' ? anchors : null;
    const text = summaryText({
      target: phase.site[scope],
      profile: p?.data ?? null,
      anchors: a?.data ?? null,
      rankScale: phase.settings.rankScale,
      checkedAt: p?.meta.fetchedAt ?? a?.meta.fetchedAt ?? null,
    });
    try {
      await navigator.clipboard.writeText(text);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
    window.setTimeout(() => setCopyState('idle'), 2500);
  }

  const site = phase.kind === 'site' ? phase : null;
  return (
    <div class="p-root">
      <header class="p-header">
        <span class="p-brand">Backlink Lens</span>
        {site?.settings.provider === 'sandbox' && (
          <span class="badge warn" title={t('popupSandboxTip')}>
            {t('popupSandbox')}
          </span>
        )}
        <span class="p-spacer" />
        {site && <ScopeSwitch site={site.site} scope={scope} onChange={changeScope} />}
        <button type="button" class="p-link-button" onClick={openOptions} data-testid="open-options">
          {t('popupSettings')}
        </button>
      </header>
      {renderBody()}
    </div>
  );

  function renderBody() {
    switch (phase.kind) {
      case 'starting':
        return (
          <main class="p-main" aria-busy="true">
            <Skeleton height="20px" width="60%" />
            <HeadlineSkeleton />
          </main>
        );
      case 'unsupported':
        return (
          <main class="p-main">
            <div class="notice" data-testid="unsupported">
              {phase.message}
            </div>
          </main>
        );
      case 'onboarding':
        return (
          <main class="p-main">
            <div class="notice p-onboarding" data-testid="onboarding">
              <div class="title">{t('popupConnectTitle')}</div>
              <p>{t('popupConnectText')}</p>
              <button type="button" class="primary" onClick={openOptions}>
                {t('popupOpenSettings')}
              </button>
            </div>
          </main>
        );
      case 'failed':
        return (
          <main class="p-main" data-testid="error">
            <ErrorNotice error={phase.error} onRetry={() => void start()} />
          </main>
        );
      case 'site':
        return renderSite(phase);
    }
  }

  function renderSite(ph: Extract<Phase, { kind: 'site' }>) {
    const target = ph.site[scope];
    const metas = [profile, anchors].flatMap((p) => (p.status === 'ready' ? [p.meta] : []));
    const loading = profile.status === 'loading' || anchors.status === 'loading';
    const bothFailed =
      profile.status === 'error' &&
      anchors.status === 'error' &&
      profile.error.kind === anchors.error.kind &&
      profile.error.message === anchors.error.message;
    // An answer a stopped worker paid for and lost is bought again only by this click (retryMode).
    const retryBoth = () => check(ph, scope, profile.status === 'error' ? retryMode(profile.error) : 'normal', ['profile', 'anchors'], false);
    const today = spentToday(metas) ?? spendFallback;
    const pData = profile.status === 'ready' ? profile : profile.status === 'loading' ? profile.prev : null;
    const aData = anchors.status === 'ready' ? anchors : anchors.status === 'loading' ? anchors.prev : null;
    const pStale = profile.status === 'loading' ? 'p-stale' : '';

    return (
      <>
        <h1 class="p-target-name" title={target.value} data-testid="target">
          {targetDisplay(target)}
        </h1>
        <main class="p-main">
          {bothFailed && profile.status === 'error' ? (
            <div data-testid="error">
              <ErrorNotice error={profile.error} onRetry={retryBoth} />
            </div>
          ) : (
            <>
              <section class="p-section" aria-busy={profile.status === 'loading'} aria-label={t('popupProfile')}>
                {profile.status === 'error' ? (
                  <div data-testid="error" data-part="profile">
                    <ErrorNotice title={t('popupProfile')} error={profile.error} onRetry={() => check(ph, scope, retryMode(profile.error), ['profile'], false)} />
                  </div>
                ) : pData ? (
                  <div class={pStale}>
                    <ProfileHeadline profile={pData.data} rankScale={ph.settings.rankScale} scope={scope} earlier={pData.meta.earlier} />
                    <TrendSparkline target={ph.site[scope]} settings={ph.settings} checkKey={`${scope}|${pData.meta.fetchedAt}`} fresh={!pData.meta.fromCache} />
                  </div>
                ) : (
                  <HeadlineSkeleton />
                )}
              </section>
              <section class="p-section" aria-busy={anchors.status === 'loading'} aria-labelledby="anchors-h" data-testid="anchors">
                <h2 id="anchors-h">
                  {t('popupTopAnchors')}
                  {aData?.data.totalCount != null && (
                    <span class="faint p-h-note"> {t('popupOf', formatExact(aData.data.totalCount))}</span>
                  )}
                </h2>
                {anchors.status === 'error' ? (
                  <div data-testid="error" data-part="anchors">
                    <ErrorNotice error={anchors.error} onRetry={() => check(ph, scope, retryMode(anchors.error), ['anchors'], false)} />
                  </div>
                ) : aData ? (
                  <div class={anchors.status === 'loading' ? 'p-stale' : ''}>
                    <AnchorsView page={aData.data} />
                  </div>
                ) : (
                  <AnchorsSkeleton />
                )}
              </section>
              {pData && (
                <details class={`p-section p-details ${pStale}`} data-testid="details">
                  <summary>{t('popupDetails')}</summary>
                  <ProfileDetails profile={pData.data} />
                </details>
              )}
            </>
          )}
        </main>
        <footer class="p-footer">
          <div class="p-money">
            <CostLine metas={metas} loading={loading} />
            {today != null && (
              <span class="p-today" data-testid="spend-today">
                {t('popupToday', formatMoney(today))}
                {ph.settings.dailyBudget != null && <span class="faint"> {t('popupOf', formatMoney(ph.settings.dailyBudget))}</span>}
              </span>
            )}
          </div>
          <div class="p-actions">
            <button
              type="button"
              data-testid="refresh"
              disabled={loading}
              title={t('popupRefreshTip')}
              onClick={() => check(ph, scope, 'refresh', ['profile', 'anchors'], true)}
            >
              {refreshLabel(ph.refreshQuote, metas, trendEstimate(ph.settings))}
            </button>
            <span class="p-spacer" />
            <button type="button" data-testid="copy" disabled={!pData && !aData} onClick={() => void copy()}>
              {copyState === 'copied' ? t('popupCopied') : copyState === 'failed' ? t('popupCopyFailed') : t('popupCopy')}
            </button>
            <button type="button" data-testid="scan-links" title={t('popupLinksTip')} onClick={() => openPanel(true)}>
              {t('popupLinks')}
            </button>
            <button
              type="button"
              class="primary"
              data-testid="open-panel"
              title={t('popupPanelTip')}
              onClick={() => openPanel()}
            >
              {t('popupBacklinks')}
            </button>
          </div>
          <div class="sr-only" aria-live="polite">
            {copyState === 'copied' ? t('popupSummaryCopied') : copyState === 'failed' ? t('popupCopyError') : ''}
          </div>
          {panelError && (
            <div class="p-panel-error" role="alert">
              {panelError}
            </div>
          )}
          {shortcut?.current && (
            <div class="p-hint faint">
              <span data-testid="shortcut">
                {t('popupShortcut')} <kbd>{shortcut.current}</kbd>
              </span>
            </div>
          )}
        </footer>
      </>
    );
  }
}

/** The Refresh button's price: the latest quote of the answers shown, else the one the popup opened with. */
/** The worker's quote of a refresh (profile + anchors), plus the trend when the checks include it. */
function refreshLabel(opened: Quote, metas: ReplyMeta[], trendUsd: number): string {
  const quotes = metas.flatMap((m) => (m.quote ? [m.quote] : []));
  const q = quotes.length === 2 ? { usd: quotes[0]!.usd + quotes[1]!.usd, free: quotes.every((x) => x.free) } : opened;
  return q.free ? t('popupRefreshFree') : t('popupRefreshPrice', formatMoney(q.usd + trendUsd));
}

function shown<T>(part: Part<T>): { data: T; meta: ReplyMeta } | null {
  if (part.status === 'ready') return { data: part.data, meta: part.meta };
  if (part.status === 'loading') return part.prev;
  return null;
}

function CostLine(props: { metas: ReplyMeta[]; loading: boolean }) {
  const f = freshness(props.metas);
  if (props.loading && f.kind === 'none') {
    return (
      <span class="p-cost faint" data-testid="cost">
        {t('popupChecking')}
      </span>
    );
  }
  if (f.kind === 'cache') {
    return (
      <span class="p-cost" data-testid="cost" data-from-cache="true" title={new Date(f.fetchedAt).toLocaleString()}>
        {t('popupFromCache', formatAgo(f.fetchedAt))}
      </span>
    );
  }
  if (f.kind === 'paid') {
    return (
      <span class="p-cost" data-testid="cost" data-from-cache="false">
        {t('popupCost', formatMoney(f.cost))}
        {f.partlyCached && <span class="faint"> {t('popupPartCache')}</span>}
      </span>
    );
  }
  return <span />;
}

function HeadlineSkeleton() {
  return (
    <div class="p-stats" data-testid="loading">
      {[0, 1, 2].map((i) => (
        <div class="p-stat" key={i}>
          <Skeleton width="60%" height="10px" />
          <Skeleton width="80%" height="22px" />
        </div>
      ))}
    </div>
  );
}

function AnchorsSkeleton() {
  return (
    <div class="p-anchors-skeleton">
      {[0, 1, 2, 3, 4].map((i) => (
        <Skeleton key={i} height="14px" width={`${90 - i * 8}%`} />
      ))}
    </div>
  );
}
