import { useEffect, useState } from 'preact/hooks';
import { ask, askWithRetry, resolveTargetRequest } from '@/lib/ask';
import { appError, type AppError } from '@/lib/errors';
import type { PanelEntry } from '@/lib/handover/entry';
import type { LookupTarget } from '@/lib/lookupTarget';
import type { PublicSettings, SiteTargets } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { sameTarget } from './panelState';

/**
 * What the whole side panel shows, outside the view: the settings, the target (and its site for the
 * scope switch), a notice instead of a target, whether the user asked to check it (`armed`: a paid
 * call is allowed; otherwise only cached answers are shown), the view (tab) shown, and following.
 * Tab following (useFollowTab.ts) and the hand-over (useHandover.ts) drive it; views read it.
 */
export interface PanelState {
  settings: PublicSettings | null;
  settingsError: AppError | null;
  target: LookupTarget | null;
  site: SiteTargets | null;
  notice: AppError | null;
  armed: boolean;
  view: string;
  follow: boolean;
  followNote: string | null;
}

/** A value kept outside a view, for when it is shown again. */
export interface Kept<T> {
  get(): T | undefined;
  set(value: T): void;
}

/** useState whose value is kept in `slot` while the component is unmounted (a view not shown). */
export function useKeptState<T>(slot: Kept<T>, initial: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => slot.get() ?? initial);
  const set = (next: T) => {
    slot.set(next);
    setValue(next);
  };
  return [value, set];
}

/** The notice for a tab whose address the panel may not read (the page's language is fixed, so it is looked up once). */
export const HIDDEN_TAB_MESSAGE = t('panelHiddenTab');

export class PanelStore {
  state: PanelState;
  private readonly listeners = new Set<() => void>();

  /* Facts of this panel's window, not shown: which tab it shows, its window, and its own tab (a panel opened as a tab). */
  tabId: number | null = null;
  windowId: number | null = null;
  ownTabId: number | null = null;
  /** Bumped for every new thing to show; a tab address read by the worker after that is dropped. */
  private showSeq = 0;
  /** Counts hand-overs received, so a slower start does not override one. */
  handoffSeq = 0;
  /** What views keep while another view is shown (their choices and loaded lists), by name. */
  private readonly kept = new Map<string, unknown>();

  constructor(view: string) {
    this.state = { settings: null, settingsError: null, target: null, site: null, notice: null, armed: false, view, follow: false, followNote: null };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(patch: Partial<PanelState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** A slot a view keeps a value in while it is not shown; it is back when the view is shown again. */
  keep<T>(name: string): Kept<T> {
    return { get: () => this.kept.get(name) as T | undefined, set: (value: T) => void this.kept.set(name, value) };
  }

  async loadSettings(): Promise<PublicSettings | null> {
    const reply = await ask({ type: 'getSettings' });
    if (!reply.ok) {
      this.set({ settingsError: reply.error });
      return null;
    }
    this.set({ settingsError: null, settings: reply.data });
    return reply.data;
  }

  /** The user asked for a paid call on this target (check, refresh, load more). */
  arm(): void {
    if (!this.state.armed) this.set({ armed: true });
  }

  /**
   * Show a target. `armed`: the user asked for it (may spend); otherwise only cached data is shown
   * and a Check button offers the paid call. Showing the same target again does not ask again.
   */
  showTarget(t: LookupTarget, opts: { armed: boolean; site?: SiteTargets | null; view?: string | null }): void {
    const patch: Partial<PanelState> = { notice: null };
    if (opts.site !== undefined) patch.site = opts.site;
    if (opts.view) patch.view = opts.view;
    if (sameTarget(t, this.state.target)) {
      if (opts.armed) patch.armed = true;
      this.set(patch);
      return;
    }
    this.set({ ...patch, target: t, armed: opts.armed });
  }

  /** Show a sentence instead of a list (unsupported tab, refused link); nothing is asked. */
  showNotice(message: string, kind: AppError['kind'] = 'unsupported-target'): void {
    this.set({ target: null, site: null, armed: false, notice: appError(kind, message, false) });
  }

  /** Site targets for any target, for the scope switch (page targets keep their own URL). The worker reads the address. */
  private async siteFor(t: LookupTarget): Promise<SiteTargets | null> {
    const reply = await askWithRetry(resolveTargetRequest(t.scope === 'page' ? t.value : `https://${t.value}/`));
    if (!reply.ok) return null;
    return t.scope === 'page' ? reply.data.site : { ...reply.data.site, [t.scope]: t };
  }

  /**
   * A hand-over: its target, checked at once (the user asked for it), or its sentence. The settings
   * are read again first (free), so a page size or option changed since applies to this check;
   * `settingsFresh`: they were just read (the start).
   */
  async applyEntry(entry: PanelEntry, knownView: (id: string) => boolean, settingsFresh = false): Promise<void> {
    this.showSeq++;
    if (!settingsFresh && !(await this.loadSettings()) && !this.state.settings) return;
    if (entry.target) {
      const view = entry.view && knownView(entry.view) ? entry.view : null;
      this.showTarget(entry.target, { armed: true, site: null, view });
      const site = await this.siteFor(entry.target);
      if (sameTarget(this.state.target, entry.target)) this.set({ site });
    } else if (entry.message) {
      this.showNotice(entry.message);
    }
  }

  /** A tab's address → its target in the scope currently chosen (domain at first). */
  async showTabUrl(url: string | undefined, armed: boolean): Promise<void> {
    const seq = ++this.showSeq;
    if (url === undefined) {
      this.showNotice(HIDDEN_TAB_MESSAGE);
      return;
    }
    // The worker reads the address (it holds the Public Suffix List): free, nothing is checked yet.
    const reply = await askWithRetry(resolveTargetRequest(url));
    if (seq !== this.showSeq) return; // a newer tab or hand-over came meanwhile
    if (!reply.ok) {
      this.showNotice(reply.error.message, reply.error.kind);
      return;
    }
    const scope = this.state.target?.scope ?? 'domain';
    this.showTarget(reply.data.site[scope], { armed, site: reply.data.site });
  }

  /** Whether tab switches show up here automatically, and whether those may spend. */
  get autoCheck(): boolean {
    return this.state.settings?.settings.autoCheckInPanel ?? false;
  }
}

/** The store's state, re-rendering the component on every change. */
export function usePanelState(store: PanelStore): PanelState {
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe(() => setState(store.state));
  }, [store]);
  return state;
}
