import { useEffect, useRef, useState } from 'preact/hooks';
import { TOP_ANCHORS } from '@/entrypoints/popup/components/logic';
import { ask, readReply } from '@/lib/ask';
import type { AppError } from '@/lib/errors';
import type { FetchMode, Quote, ReplyMeta, Request, SiteTargets } from '@/lib/messages';
import type { AnchorsPage, Profile } from '@/lib/model';
import type { Scope } from '@/lib/lookupTarget';
import type { Settings } from '@/lib/settings/fields';
import { queryOptionsFrom } from '@/lib/settings/query';
import { askWithRetry, saveScope } from './io';
import { takeStartedCheck } from './start';

type CheckTabRequest = Extract<Request, { type: 'checkTab' }>;

/**
 * The popup's state: the phase (starting, unsupported page, onboarding, failed, a site), the scope shown
 * and the two parts (profile, top anchors), each asked for and shown on its own.
 */

export type Part<T> =
  | { status: 'idle' }
  /** `prev`: what was shown before a refresh, kept on screen (dimmed) until the new answer. */
  | { status: 'loading'; prev: { data: T; meta: ReplyMeta } | null }
  | { status: 'ready'; data: T; meta: ReplyMeta }
  | { status: 'error'; error: AppError };

export type Phase =
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
      /** What the trend adds to a check (the worker's quote; 0 when not included). */
      trendQuote: Quote;
    };

export type PartName = 'profile' | 'anchors';

/**
 * The active tab, then ONE request to the worker (`checkTab`): the tab's targets (the worker holds
 * the Public Suffix List), the settings, the scope last used for the site and the profile + top
 * anchors (cached, or both paid calls at once). The first one was sent by the start script at
 * document start (start.ts); a later one (Try again) is sent here.
 */
function gather() {
  return takeStartedCheck().then(async ({ tab, url, raw, sent }) => {
    const reply = await askWithRetry({ type: 'checkTab', url }, Promise.resolve(readReply<CheckTabRequest>(raw, sent)));
    return { tab, url, reply };
  });
}
let early: ReturnType<typeof gather> | null = gather();

/** `onCheck`: called when a new check starts (the page resets what belonged to the previous answer). */
export function usePopupCheck(onCheck: () => void) {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [scope, setScope] = useState<Scope>('domain');
  const [profile, setProfile] = useState<Part<Profile>>({ status: 'idle' });
  const [anchors, setAnchors] = useState<Part<AnchorsPage>>({ status: 'idle' });
  const [spendFallback, setSpendFallback] = useState<number | null>(null);
  /** Bumped on every new request of a part; older answers are dropped. */
  const generation = useRef<Record<PartName, number>>({ profile: 0, anchors: 0 });

  useEffect(() => {
    void start();
  }, []);

  async function start() {
    setPhase({ kind: 'starting' });
    // The first opening uses what the module began reading before the first render.
    const started = await (early ?? gather());
    const { tab, reply } = started;
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
    if (!answer.signedIn || !answer.profile || (!answer.anchors && !answer.anchorsLater)) {
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
      trendQuote: answer.trendQuote,
    };
    setScope(answer.scope);
    setPhase(next);
    // The answers came with the same reply: shown as they are, nothing asked again. On a miss the
    // profile may come first: the anchors of that same call follow with the token (checkTabPart).
    const ids = { profile: ++generation.current.profile, anchors: ++generation.current.anchors };
    const profileOk = showPart('profile', ids.profile, answer.profile, setProfile);
    if (answer.anchors) {
      if (!showPart('anchors', ids.anchors, answer.anchors, setAnchors) && !profileOk) void spendInstead();
      return;
    }
    setAnchors({ status: 'loading', prev: null });
    const part = await askWithRetry({ type: 'checkTabPart', token: answer.anchorsLater!, url: started.url });
    const anchorsOk = showPart('anchors', ids.anchors, part, setAnchors);
    if (!anchorsOk && !profileOk) void spendInstead();
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
    onCheck();
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

  return { phase, scope, profile, anchors, spendFallback, start, check, changeScope };
}

export function shown<T>(part: Part<T>): { data: T; meta: ReplyMeta } | null {
  if (part.status === 'ready') return { data: part.data, meta: part.meta };
  if (part.status === 'loading') return part.prev;
  return null;
}

