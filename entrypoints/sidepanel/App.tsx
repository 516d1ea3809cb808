import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { ask, askWithRetry, resolveTargetRequest } from '../../lib/ask';
import { appError, type AppError } from '../../lib/errors';
import { formatAgo, formatExact, formatMoney } from '../../lib/format';
import type { FetchMode, PublicSettings, ReplyMeta, SiteTargets } from '../../lib/messages';
import type { Anchor, Backlink } from '../../lib/model';
import type { AnchorsParams, BacklinksParams, LookupTarget, Scope } from '../../lib/params.schema';
import { getPanelEntry, watchPanelTarget, type PanelEntry } from '../../lib/panel';
import {
  DEFAULT_VIEW,
  canLoadMore,
  firstAnchorsParams,
  firstBacklinksParams,
  nextAnchorsParams,
  nextBacklinksParams,
  sameTarget,
  sameView,
  targetHeading,
  type BacklinksView,
} from '../../lib/panelState';
import { estimateCost } from '../../lib/dataforseo/cost';
import { ErrorNotice, Skeleton } from '../../components/common';
import { AnchorsControls, BacklinksControls, type AnchorsView } from '../../components/panel/Controls';
import { approxMoney } from '../../components/panel/money';

/* ---------------------------------------------------------------------------------------------
 * State of one paged list
 * ------------------------------------------------------------------------------------------- */

interface ListState<T, P> {
  status: 'idle' | 'loading' | 'ready' | 'error' | 'needs-check';
  items: T[];
  total: number | null;
  /** The request that gave the last page (the next page is built from it). */
  lastParams: P | null;
  token: string | null;
  lastRows: number;
  meta: ReplyMeta | null;
  error: AppError | null;
  more: { loading: boolean; error: AppError | null };
  /** Identity of the list, for scroll reset and row keys. */
  key: string;
}

function emptyList<T, P>(key: string, status: ListState<T, P>['status'] = 'idle'): ListState<T, P> {
  return { status, items: [], total: null, lastParams: null, token: null, lastRows: 0, meta: null, error: null, more: { loading: false, error: null }, key };
}

const FOLLOW_KEY = 'backlink-lens.panel.follow';
const SCOPE_LABEL: Record<Scope, string> = { domain: 'Whole domain', host: 'This host', page: 'This page' };

/** The rows and the virtualizer: asked for at once, needed only when the first page arrives. */
type ListsModule = typeof import('../../components/panel/lists');
const listsModule: Promise<ListsModule | null> = import('../../components/panel/lists').catch(() => null);

const HIDDEN_TAB_MESSAGE =
  'Backlink Lens cannot see which site this tab shows. Use “Backlinks” in the toolbar popup, or turn on “Follow the tab I’m on”.';

export function App() {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [settingsError, setSettingsError] = useState<AppError | null>(null);
  const [target, setTarget] = useState<LookupTarget | null>(null);
  const [site, setSite] = useState<SiteTargets | null>(null);
  const [notice, setNotice] = useState<AppError | null>(null);
  const [tab, setTab] = useState<'backlinks' | 'anchors'>('backlinks');
  const [view, setView] = useState<BacklinksView>(DEFAULT_VIEW);
  const [anchorsView, setAnchorsView] = useState<AnchorsView>({ sort: 'backlinks', text: '' });
  const [bl, setBl] = useState<ListState<Backlink, BacklinksParams>>(() => emptyList('bl-0'));
  const [an, setAn] = useState<ListState<Anchor, AnchorsParams>>(() => emptyList('an-0'));
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [follow, setFollow] = useState(false);
  /** Whether following is on right now: set in the click itself, so a tab switch just after turning it off is not followed. */
  const followingRef = useRef(false);
  const [followNote, setFollowNote] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [lists, setLists] = useState<ListsModule | null>(null);
  const [listsFailed, setListsFailed] = useState(false);

  useEffect(() => {
    void listsModule.then((mod) => (mod ? setLists(mod) : setListsFailed(true)));
  }, []);

  // Mirrors of state for async callbacks and browser listeners.
  const settingsRef = useRef<PublicSettings | null>(null);
  const targetRef = useRef<LookupTarget | null>(null);
  const viewRef = useRef<BacklinksView>(DEFAULT_VIEW);
  const anchorsViewRef = useRef<AnchorsView>({ sort: 'backlinks', text: '' });
  const tabRef = useRef<'backlinks' | 'anchors'>('backlinks');
  /** Whether the user asked to check this target (a paid call is allowed); otherwise only the cache is read. */
  const armedRef = useRef(false);
  const blGen = useRef(0);
  const anGen = useRef(0);
  const tabIdRef = useRef<number | null>(null);
  const windowIdRef = useRef<number | null>(null);
  const ownTabIdRef = useRef<number | null>(null);
  const blRef = useRef(bl);
  blRef.current = bl;
  const anRef = useRef(an);
  anRef.current = an;
  const anchorsKeyRef = useRef<string | null>(null);
  /** Counts hand-overs applied from the watcher, so a slower start does not override one. */
  const handoffSeq = useRef(0);
  /** Bumped for every new thing to show; a tab address read by the worker after that is dropped. */
  const showSeq = useRef(0);

  /* ------------------------------------------------------------------ backlinks requests */

  const loadBacklinks = useCallback(async (mode: FetchMode) => {
    const s = settingsRef.current;
    const t = targetRef.current;
    if (!s || !t) return;
    const gen = ++blGen.current;
    const key = `bl-${gen}`;
    const params = firstBacklinksParams(t, s.settings, viewRef.current);
    setExpanded(new Set());
    setBl(emptyList(key, 'loading'));
    const reply = await ask({ type: 'backlinks', params, mode });
    if (gen !== blGen.current) return;
    if (!reply.ok) {
      setBl({ ...emptyList(key, reply.error.kind === 'not-cached' ? 'needs-check' : 'error'), error: reply.error });
      return;
    }
    setBl({
      status: 'ready',
      items: reply.data.items,
      total: reply.data.totalCount,
      lastParams: params,
      token: reply.data.searchAfterToken,
      lastRows: reply.data.items.length,
      meta: reply.meta,
      error: null,
      more: { loading: false, error: null },
      key,
    });
  }, []);

  const loadMoreBacklinks = useCallback(async () => {
    const cur = blRef.current;
    if (cur.status !== 'ready' || !cur.lastParams || cur.more.loading) return;
    const params = nextBacklinksParams(cur.lastParams, cur.items.length, cur.token);
    if (!params) return;
    armedRef.current = true;
    const gen = blGen.current;
    setBl({ ...cur, more: { loading: true, error: null } });
    const reply = await ask({ type: 'backlinks', params, mode: 'normal' });
    if (gen !== blGen.current) return;
    const now = blRef.current;
    if (!reply.ok) {
      setBl({ ...now, more: { loading: false, error: reply.error } });
      return;
    }
    setBl({
      ...now,
      items: now.items.concat(reply.data.items),
      total: reply.data.totalCount ?? now.total,
      lastParams: params,
      token: reply.data.searchAfterToken,
      lastRows: reply.data.items.length,
      meta: reply.meta,
      more: { loading: false, error: null },
    });
  }, []);

  /* ------------------------------------------------------------------ anchors requests */

  const anchorsKeyOf = (t: LookupTarget, v: AnchorsView) => `${t.scope}|${t.value}|${v.sort}|${v.text}`;

  const loadAnchors = useCallback(async (mode: FetchMode) => {
    const s = settingsRef.current;
    const t = targetRef.current;
    if (!s || !t) return;
    const v = anchorsViewRef.current;
    anchorsKeyRef.current = anchorsKeyOf(t, v);
    const gen = ++anGen.current;
    const key = `an-${gen}`;
    const params = firstAnchorsParams(t, s.settings, v.sort, v.text);
    setAn(emptyList(key, 'loading'));
    const reply = await ask({ type: 'anchors', params, mode });
    if (gen !== anGen.current) return;
    if (!reply.ok) {
      setAn({ ...emptyList(key, reply.error.kind === 'not-cached' ? 'needs-check' : 'error'), error: reply.error });
      return;
    }
    setAn({
      status: 'ready',
      items: reply.data.items,
      total: reply.data.totalCount,
      lastParams: params,
      token: null,
      lastRows: reply.data.items.length,
      meta: reply.meta,
      error: null,
      more: { loading: false, error: null },
      key,
    });
  }, []);

  const loadMoreAnchors = useCallback(async () => {
    const cur = anRef.current;
    if (cur.status !== 'ready' || !cur.lastParams || cur.more.loading) return;
    const params = nextAnchorsParams(cur.lastParams, cur.items.length);
    if (!params) return;
    armedRef.current = true;
    const gen = anGen.current;
    setAn({ ...cur, more: { loading: true, error: null } });
    const reply = await ask({ type: 'anchors', params, mode: 'normal' });
    if (gen !== anGen.current) return;
    const now = anRef.current;
    if (!reply.ok) {
      setAn({ ...now, more: { loading: false, error: reply.error } });
      return;
    }
    setAn({
      ...now,
      items: now.items.concat(reply.data.items),
      total: reply.data.totalCount ?? now.total,
      lastParams: params,
      lastRows: reply.data.items.length,
      meta: reply.meta,
      more: { loading: false, error: null },
    });
  }, []);

  /** Load the anchors list when its tab is shown and it does not match the target and view yet. */
  const ensureAnchors = useCallback(() => {
    const t = targetRef.current;
    if (tabRef.current !== 'anchors' || !t || !settingsRef.current) return;
    if (anchorsKeyRef.current === anchorsKeyOf(t, anchorsViewRef.current)) return;
    void loadAnchors(armedRef.current ? 'normal' : 'cacheOnly');
  }, [loadAnchors]);

  /* ------------------------------------------------------------------ target */

  /**
   * Show a target. `armed`: the user asked for it (may spend); otherwise only cached data is shown
   * and a Check button offers the paid call. Showing the same target again does not ask again.
   */
  const showTarget = useCallback(
    (t: LookupTarget, opts: { armed: boolean; site?: SiteTargets | null }) => {
      setNotice(null);
      if (opts.site !== undefined) setSite(opts.site);
      if (sameTarget(t, targetRef.current)) {
        if (opts.armed && !armedRef.current) {
          armedRef.current = true;
          if (blRef.current.status === 'needs-check' || blRef.current.status === 'error') void loadBacklinks('normal');
          if (tabRef.current === 'anchors' && anRef.current.status === 'needs-check') void loadAnchors('normal');
        }
        return;
      }
      targetRef.current = t;
      setTarget(t);
      armedRef.current = opts.armed;
      anchorsKeyRef.current = null;
      anGen.current++;
      setAn(emptyList(`an-${anGen.current}`));
      void loadBacklinks(opts.armed ? 'normal' : 'cacheOnly');
      ensureAnchors();
    },
    [loadBacklinks, loadAnchors, ensureAnchors],
  );

  /** Show a sentence instead of a list (unsupported tab, refused link); nothing is asked. */
  const showNotice = useCallback((message: string, kind: AppError['kind'] = 'unsupported-target') => {
    targetRef.current = null;
    setTarget(null);
    setSite(null);
    blGen.current++;
    anGen.current++;
    anchorsKeyRef.current = null;
    setBl(emptyList(`bl-${blGen.current}`));
    setAn(emptyList(`an-${anGen.current}`));
    setNotice(appError(kind, message, false));
  }, []);

  /** Site targets for any target, for the scope switch (page targets keep their own URL). The worker reads the address. */
  const siteFor = useCallback(async (t: LookupTarget): Promise<SiteTargets | null> => {
    const reply = await askWithRetry(resolveTargetRequest(t.scope === 'page' ? t.value : `https://${t.value}/`));
    if (!reply.ok) return null;
    return t.scope === 'page' ? reply.data.site : { ...reply.data.site, [t.scope]: t };
  }, []);

  const applyEntry = useCallback(
    async (entry: PanelEntry) => {
      showSeq.current++;
      if (entry.target) {
        showTarget(entry.target, { armed: true, site: null });
        const s = await siteFor(entry.target);
        if (sameTarget(targetRef.current, entry.target)) setSite(s);
      } else if (entry.message) {
        showNotice(entry.message);
      }
    },
    [showTarget, showNotice, siteFor],
  );

  /** A tab's address → its target in the scope currently chosen (domain at first). */
  const showTabUrl = useCallback(
    async (url: string | undefined, armed: boolean) => {
      const seq = ++showSeq.current;
      if (url === undefined) {
        showNotice(HIDDEN_TAB_MESSAGE);
        return;
      }
      // The worker reads the address (it holds the Public Suffix List): free, nothing is checked yet.
      const reply = await askWithRetry(resolveTargetRequest(url));
      if (seq !== showSeq.current) return; // a newer tab or hand-over came meanwhile
      if (!reply.ok) {
        showNotice(reply.error.message, reply.error.kind);
        return;
      }
      const scope = targetRef.current?.scope ?? 'domain';
      showTarget(reply.data.site[scope], { armed, site: reply.data.site });
    },
    [showTarget, showNotice],
  );

  /* ------------------------------------------------------------------ start */

  const loadSettings = useCallback(async (): Promise<PublicSettings | null> => {
    const reply = await ask({ type: 'getSettings' });
    if (!reply.ok) {
      setSettingsError(reply.error);
      return null;
    }
    setSettingsError(null);
    settingsRef.current = reply.data;
    setSettings(reply.data);
    return reply.data;
  }, []);

  const start = useCallback(async () => {
    const seq = handoffSeq.current;
    const s = await loadSettings();
    if (!s) return;
    try {
      const [win, own, active] = await Promise.all([
        browser.windows.getCurrent().catch(() => null),
        browser.tabs.getCurrent().catch(() => undefined),
        browser.tabs.query({ active: true, currentWindow: true }),
      ]);
      windowIdRef.current = win?.id ?? null;
      ownTabIdRef.current = own?.id ?? null;
      const activeTab = active[0];

      // Following stays on across openings while the permission is still granted.
      let followOn = false;
      try {
        followOn = localStorage.getItem(FOLLOW_KEY) === '1' && (await browser.permissions.contains({ permissions: ['tabs'] }));
      } catch {
        followOn = false;
      }
      if (followOn) {
        followingRef.current = true;
        setFollow(true);
      }

      const entry = (activeTab?.id != null ? await getPanelEntry(activeTab.id) : null) ?? (await getPanelEntry(null));
      const usable = entry && (entry.tabId === null || entry.tabId === activeTab?.id) ? entry : null;
      // The popup may open the panel and hand over its target while this was reading.
      if (handoffSeq.current !== seq) {
        if (targetRef.current && blRef.current.status === 'idle') void loadBacklinks(armedRef.current ? 'normal' : 'cacheOnly');
        return;
      }
      tabIdRef.current = activeTab?.id ?? null;
      if (usable && (usable.target || usable.message)) {
        await applyEntry(usable);
      } else if (activeTab) {
        // A panel can open by itself (restored with the window, Firefox's sidebar): show what is
        // cached and offer the paid check, unless the user chose automatic checks.
        await showTabUrl(activeTab.url, s.settings.autoCheckInPanel);
      } else {
        showNotice('There is no tab to check; open a website and try again.');
      }
    } catch {
      showNotice('Backlink Lens could not read the current tab. Close and reopen the panel.', 'internal');
    }
  }, [loadSettings, loadBacklinks, applyEntry, showTabUrl, showNotice]);

  useEffect(() => {
    void start();
  }, [start]);

  // Targets handed over later by the popup or the context menu.
  useEffect(() => {
    return watchPanelTarget((entry) => {
      void (async () => {
        if (entry.tabId !== null && entry.tabId !== tabIdRef.current) {
          const info = await browser.tabs.get(entry.tabId).catch(() => null);
          if (!info || (windowIdRef.current !== null && info.windowId !== windowIdRef.current)) return;
          tabIdRef.current = entry.tabId;
        }
        handoffSeq.current++;
        await applyEntry(entry);
      })();
    });
  }, [applyEntry]);

  // Settings changed in the options page: take the new page sizes and options for the next request.
  useEffect(() => {
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'settings' in changes) void loadSettings();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [loadSettings]);

  /* ------------------------------------------------------------------ follow the tab */

  /** Following shows the site of the tab (hand-overs arrive through the watcher, when they are made). */
  const followTab = useCallback(
    async (tabId: number) => {
      if (tabId === ownTabIdRef.current) return;
      const info = await browser.tabs.get(tabId).catch(() => null);
      if (!info || !followingRef.current) return;
      if (windowIdRef.current !== null && info.windowId !== windowIdRef.current) return;
      tabIdRef.current = info.id ?? null;
      await showTabUrl(info.url, settingsRef.current?.settings.autoCheckInPanel ?? false);
    },
    [showTabUrl],
  );

  useEffect(() => {
    if (!follow) return;
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (!followingRef.current) return;
      if (windowIdRef.current !== null && info.windowId !== windowIdRef.current) return;
      void followTab(info.tabId);
    };
    const onUpdated = (tabId: number, change: { url?: string }, info: Browser.tabs.Tab) => {
      if (!followingRef.current || !change.url || !info.active) return;
      if (windowIdRef.current !== null && info.windowId !== windowIdRef.current) return;
      if (tabId === ownTabIdRef.current) return;
      tabIdRef.current = tabId;
      void showTabUrl(change.url, settingsRef.current?.settings.autoCheckInPanel ?? false);
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [follow, followTab, showTabUrl]);

  const onFollowClick = (e: Event) => {
    const box = e.currentTarget as HTMLInputElement;
    const want = box.checked;
    setFollowNote(null);
    if (!want) {
      followingRef.current = false;
      setFollow(false);
      localStorage.setItem(FOLLOW_KEY, '0');
      return;
    }
    // The permission prompt must be asked for inside the click.
    let request: Promise<boolean>;
    try {
      request = browser.permissions.request({ permissions: ['tabs'] });
    } catch {
      request = Promise.resolve(false);
    }
    setFollowNote('Allow Backlink Lens to read tab addresses in the browser’s prompt to follow your tabs.');
    void request
      .catch(() => false)
      .then(async (granted) => {
        setFollowNote(null);
        if (!granted) {
          box.checked = false;
          setFollow(false);
          setFollowNote('Following needs permission to read the address of the tab you are on. Nothing changed.');
          return;
        }
        localStorage.setItem(FOLLOW_KEY, '1');
        followingRef.current = true;
        setFollow(true);
        const [active] = await browser.tabs.query({ active: true, currentWindow: true });
        if (active?.id != null && active.id !== ownTabIdRef.current) await followTab(active.id);
      });
  };

  /* ------------------------------------------------------------------ user actions */

  const changeView = (next: BacklinksView) => {
    if (sameView(next, viewRef.current)) {
      viewRef.current = next;
      setView(next);
      return;
    }
    viewRef.current = next;
    setView(next);
    if (targetRef.current) void loadBacklinks(armedRef.current ? 'normal' : 'cacheOnly');
  };

  const changeAnchorsView = (next: AnchorsView) => {
    anchorsViewRef.current = next;
    setAnchorsView(next);
    ensureAnchors();
  };

  const switchTab = (next: 'backlinks' | 'anchors') => {
    tabRef.current = next;
    setTab(next);
    ensureAnchors();
  };

  const check = () => {
    armedRef.current = true;
    if (tabRef.current === 'anchors') void loadAnchors('normal');
    else void loadBacklinks('normal');
  };

  const refresh = () => {
    armedRef.current = true;
    if (tabRef.current === 'anchors') void loadAnchors('refresh');
    else void loadBacklinks('refresh');
  };

  const changeScope = (scope: Scope) => {
    if (!site) return;
    showTarget(site[scope], { armed: true });
  };

  const toggleRow = useCallback((index: number) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  }, []);

  const exportCsv = async () => {
    const t = targetRef.current;
    if (!t) return;
    setExporting(true);
    try {
      const csv = await import('../../lib/csv');
      const text = tab === 'anchors' ? csv.anchorsCsv(an.items) : csv.backlinksCsv(bl.items);
      csv.downloadText(text, csv.csvFileName(tab, t));
    } finally {
      setExporting(false);
    }
  };

  const openOptions = () => {
    void browser.runtime.openOptionsPage();
  };

  /* ------------------------------------------------------------------ render */

  const list = tab === 'anchors' ? an : bl;
  const pageSize = settings ? (tab === 'anchors' ? settings.settings.anchorsPageSize : settings.settings.backlinksPageSize) : 100;
  const estimate = approxMoney(estimateCost(tab, pageSize));
  const heading = target ? targetHeading(target) : null;

  const moreParams =
    tab === 'anchors'
      ? an.lastParams
        ? nextAnchorsParams(an.lastParams, an.items.length)
        : null
      : bl.lastParams
        ? nextBacklinksParams(bl.lastParams, bl.items.length, bl.token)
        : null;
  const hasMore = list.status === 'ready' && canLoadMore(list.total, list.items.length, list.lastRows, list.lastParams?.limit ?? pageSize, moreParams);

  const footer =
    list.status === 'ready' ? (
      <div class="list-foot">
        {list.more.error && (
          <div data-testid="error">
            <ErrorNotice error={list.more.error} onRetry={tab === 'anchors' ? loadMoreAnchors : loadMoreBacklinks} />
          </div>
        )}
        {hasMore ? (
          <button
            type="button"
            data-testid="load-more"
            class="load-more"
            disabled={list.more.loading}
            onClick={tab === 'anchors' ? loadMoreAnchors : loadMoreBacklinks}
            title={`Asks for ${pageSize} more rows (about ${approxMoney(estimateCost(tab, pageSize))})`}
          >
            {list.more.loading ? 'Loading…' : `Load ${formatExact(pageSize)} more · ≈ ${estimate}`}
          </button>
        ) : list.items.length > 0 ? (
          <div class="faint end">
            {list.total !== null && list.items.length < list.total && !moreParams
              ? 'The service gives no more rows for this list.'
              : `All ${formatExact(list.items.length)} shown.`}
          </div>
        ) : null}
      </div>
    ) : null;

  return (
    <div class="panel">
      <header class="panel-head">
        <div class="head-line">
          <div class="target" data-testid="panel-target" data-scope={target?.scope ?? ''} title={target?.value ?? ''}>
            {heading ? (
              <>
                <span class="scope-label">{heading.scope}</span>
                <span class="target-name">{heading.display}</span>
              </>
            ) : (
              <span class="faint">No site</span>
            )}
          </div>
          <div class="head-actions">
            <button
              type="button"
              class="icon"
              onClick={refresh}
              disabled={!target || list.status === 'loading'}
              title={`Fetch again from the service (about ${estimate})`}
              aria-label="Fetch again"
              data-testid="refresh"
            >
              ↻
            </button>
            <button
              type="button"
              data-testid="export"
              onClick={exportCsv}
              disabled={!target || list.items.length === 0 || exporting}
              title={`Save the ${formatExact(list.items.length)} loaded rows as a CSV file`}
            >
              Export CSV
            </button>
          </div>
        </div>
        <div class="head-line sub">
          {site && target ? (
            <label class="field scope-pick">
              <span class="sr-only">What to check</span>
              <select data-testid="scope" value={target.scope} onChange={(e) => changeScope(e.currentTarget.value as Scope)}>
                {(['domain', 'host', 'page'] as const).map((sc) => (
                  <option key={sc} value={sc}>
                    {sc === 'domain' ? SCOPE_LABEL[sc] : `${SCOPE_LABEL[sc]}: ${site[sc].display}`}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span />
          )}
          <label class="check follow" title="Show the site of each tab you switch to. Asks for permission to read tab addresses.">
            <input type="checkbox" data-testid="follow-tab" checked={follow} onClick={onFollowClick} />
            Follow the tab I’m on
          </label>
        </div>
        {followNote && <div class="note faint">{followNote}</div>}
      </header>

      {settingsError && (
        <div class="pad" data-testid="error">
          <ErrorNotice error={settingsError} onRetry={() => void start()} />
        </div>
      )}

      {notice && (
        <div class="pad" data-testid="error">
          {notice.kind === 'unsupported-target' ? (
            <div class="notice" role="status" data-error-kind={notice.kind}>
              <div class="message">{notice.message}</div>
            </div>
          ) : (
            <ErrorNotice error={notice} />
          )}
        </div>
      )}

      {target && (
        <>
          <nav class="tabs" role="tablist">
            <button type="button" role="tab" data-testid="tab-backlinks" aria-selected={tab === 'backlinks'} class={tab === 'backlinks' ? 'on' : ''} onClick={() => switchTab('backlinks')}>
              Backlinks
            </button>
            <button type="button" role="tab" data-testid="tab-anchors" aria-selected={tab === 'anchors'} class={tab === 'anchors' ? 'on' : ''} onClick={() => switchTab('anchors')}>
              Anchors
            </button>
          </nav>

          {tab === 'backlinks' ? (
            <BacklinksControls view={view} onChange={changeView} />
          ) : (
            <AnchorsControls view={anchorsView} onChange={changeAnchorsView} />
          )}

          <div class="status-line">
            <span data-testid="total" class="total">
              {list.status === 'ready'
                ? `${formatExact(list.total ?? list.items.length)} ${tab === 'anchors' ? 'anchors' : 'backlinks'}`
                : list.status === 'loading'
                  ? 'Loading…'
                  : ''}
            </span>
            {list.status === 'ready' && list.meta && (
              <span class="faint meta" title={`Spent today: ${formatMoney(list.meta.spentToday)}`}>
                {list.items.length < (list.total ?? 0) ? `${formatExact(list.items.length)} loaded · ` : ''}
                {list.meta.fromCache ? `cached, ${formatAgo(list.meta.fetchedAt)}` : `cost ${formatMoney(list.meta.cost)}`}
              </span>
            )}
          </div>

          <div class="list-area" role="tabpanel">
            {(list.status === 'loading' || (list.status === 'ready' && list.items.length > 0 && !lists && !listsFailed)) && (
              <div class="pad skeletons" role="status" aria-busy="true" aria-label="Loading">
                {[0, 1, 2, 3].map((i) => (
                  <div key={i} class="skeleton-row">
                    <Skeleton width="55%" />
                    <Skeleton width="90%" />
                    <Skeleton width="70%" />
                  </div>
                ))}
              </div>
            )}
            {list.status === 'needs-check' && (
              <div class="pad check-offer">
                <p class="muted">
                  {tab === 'anchors' ? 'No saved anchors' : 'No saved backlinks'} for <strong>{heading?.display}</strong> yet.
                </p>
                <button type="button" class="primary" data-testid="check" onClick={check}>
                  Check (≈ {estimate})
                </button>
              </div>
            )}
            {list.status === 'error' && list.error && (
              <div class="pad" data-testid="error">
                <ErrorNotice error={list.error} onRetry={tab === 'anchors' ? () => void loadAnchors('normal') : () => void loadBacklinks('normal')}>
                  {(list.error.kind === 'no-credentials' || list.error.kind === 'auth') && (
                    <button type="button" onClick={openOptions}>
                      Open settings
                    </button>
                  )}
                </ErrorNotice>
              </div>
            )}
            {list.status === 'ready' && list.items.length === 0 && (
              <div class="pad muted empty">
                {tab === 'anchors'
                  ? anchorsView.text
                    ? 'No anchor matches this filter.'
                    : 'No anchors found for this target.'
                  : sameView(view, DEFAULT_VIEW)
                    ? 'No backlinks found for this target.'
                    : 'No backlink matches these filters.'}
              </div>
            )}
            {listsFailed && (
              <div class="pad" data-testid="error">
                <ErrorNotice error={appError('internal', 'Part of Backlink Lens did not load. Close and reopen the panel.', false)} />
              </div>
            )}
            {list.status === 'ready' && list.items.length > 0 && lists && (
              <>
                {tab === 'backlinks' ? (
                  <lists.VirtualList
                    items={bl.items}
                    estimate={132}
                    listKey={bl.key}
                    label="Backlinks"
                    footer={footer}
                    renderRow={(item, index) => <lists.BacklinkRow item={item} index={index} expanded={expanded.has(index)} onToggle={toggleRow} />}
                  />
                ) : (
                  <lists.VirtualList
                    items={an.items}
                    estimate={58}
                    listKey={an.key}
                    label="Anchors"
                    footer={footer}
                    renderRow={(item) => <lists.AnchorRow item={item} />}
                  />
                )}
              </>
            )}
          </div>
        </>
      )}

      {!target && !notice && !settingsError && (
        <div class="pad">
          <Skeleton width="60%" height="16px" />
        </div>
      )}
    </div>
  );
}
