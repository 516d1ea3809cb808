import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { Skeleton } from '@/components/common/Skeleton';
import { AnchorsView } from '@/entrypoints/popup/components/AnchorsView';
import { CostLine, refreshLabel } from '@/entrypoints/popup/components/Footer';
import { ProfileHeadline } from '@/entrypoints/popup/components/ProfileView';
import { ScopeSwitch } from '@/entrypoints/popup/components/ScopeSwitch';
import { AnchorsSkeleton, HeadlineSkeleton } from '@/entrypoints/popup/components/Skeletons';
import { later } from '@/entrypoints/popup/components/later';
import { spentToday } from '@/entrypoints/popup/components/logic';
import { ask } from '@/lib/ask';
import { targetDisplay } from '@/lib/display';
import { formatExact, formatMoney } from '@/lib/format';
import { openPanelWith } from '@/lib/handover/send';
import { t } from '@/lib/i18n';
import type { ShortcutInfo } from '@/entrypoints/popup/components/shortcut';
import { retryMode } from './io';
import { usePopupCheck, type Phase } from './usePopupCheck';

// Not needed for the first paint: one chunk, loaded once the first answer is shown (the shortcut hint, the
// details and the trend render from it) and used by Copy.
const afterPaint = () => import('@/entrypoints/popup/components/afterPaint');
const ProfileDetails = later(() => afterPaint().then((m) => m.ProfileDetails));
const TrendSparkline = later(() => afterPaint().then((m) => m.TrendSparkline));

export function App() {
  const [shortcut, setShortcut] = useState<ShortcutInfo | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [panelError, setPanelError] = useState<string | null>(null);
  const { phase, scope, profile, anchors, spendFallback, start, check, changeScope } = usePopupCheck(() => setCopyState('idle'));

  // The footer's shortcut hint, once the first answer is on screen (its code comes with the after-paint chunk).
  const answered = phase.kind !== 'starting';
  useEffect(() => {
    if (!answered) return;
    void afterPaint()
      .then((m) => m.readShortcut())
      .then(setShortcut);
  }, [answered]);

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
    const { summaryText } = await afterPaint();
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
        {/* A no-break space: the name never wraps, whatever the header's other labels take. */}
        <span class="p-brand">Backlink&nbsp;Lens</span>
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
                    {ph.settings.includeTrendInChecks && <TrendSparkline target={ph.site[scope]} settings={ph.settings} checkKey={`${scope}|${pData.meta.fetchedAt}`} fresh={!pData.meta.fromCache} />}
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
              {refreshLabel(ph.refreshQuote, metas, ph.trendQuote.usd)}
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
