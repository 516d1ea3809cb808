import type { Browser } from 'wxt/browser';
import { BULK_METRICS } from '@/lib/bulk';
import { appError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { LookupService } from '@/lib/lookup/service';
import { loadSettings } from '@/lib/settings/store';
import { isSerpScriptRegistered, isSerpSender, parseSerpRequest, serpTargets } from './guard';
import type { SerpFigures, SerpReply } from './protocol';

export const serpRefused = (): string => t('errSerpRefused');
export const serpOff = (): string => t('errSerpOff');
export const serpInvalid = (): string => t('errSerpInvalid');
export const serpNotConfirmed = (): string => t('errSerpNotConfirmed');

const fail = (message: string): SerpReply => ({ ok: false, error: appError('invalid-request', message, false) });

/**
 * One message from the results-page overlay → one reply. The sender and the request are checked
 * (./guard.ts); the figures come from the bulk pipeline (bulkQuote / bulkRun: per-target cache,
 * budget, ledger), one call per metric for the domains not cached. In "ask" mode a run needs the
 * price the user confirmed; in "auto" mode the quoted price is the ceiling and the daily budget
 * applies. Never throws.
 */
export async function handleSerpMessage(
  message: unknown,
  sender: Browser.runtime.MessageSender | undefined,
  service: Pick<LookupService, 'handle'>,
  registered: () => Promise<boolean> = isSerpScriptRegistered,
): Promise<SerpReply> {
  try {
    if (!(await isSerpSender(sender, registered))) return fail(serpRefused());
    const request = parseSerpRequest(message);
    if (!request) return fail(serpInvalid());
    const settings = await loadSettings();
    if (!settings.serpFigures) return fail(serpOff());
    const { domains, byUrl } = serpTargets(request.urls);
    const metrics = [...BULK_METRICS];
    if (domains.length === 0) {
      if (request.step === 'quote') return { ok: true, step: 'quote', mode: settings.serpMode, priceUsd: 0, calls: 0 };
      return { ok: true, step: 'run', figures: request.urls.map((url) => empty(url, null)), calls: 0, spentUsd: 0, failed: [] };
    }
    const quote = await service.handle({ type: 'bulkQuote', targets: domains, metrics });
    if (!quote.ok) return { ok: false, error: quote.error };
    if (request.step === 'quote') {
      return { ok: true, step: 'quote', mode: settings.serpMode, priceUsd: quote.data.priceUsd, calls: quote.data.calls };
    }
    let ceiling: number;
    if (quote.data.calls === 0) ceiling = 0;
    else if (settings.serpMode === 'auto') ceiling = quote.data.priceUsd;
    else if (request.maxPriceUsd === undefined) return fail(serpNotConfirmed());
    else ceiling = request.maxPriceUsd;
    const run = await service.handle({ type: 'bulkRun', targets: domains, metrics, maxPriceUsd: ceiling });
    if (!run.ok) return { ok: false, error: run.error };
    const byDomain = new Map(run.data.figures.map((f) => [f.target, f]));
    const figures: SerpFigures[] = request.urls.map((url) => {
      const domain = byUrl.get(url) ?? null;
      const f = domain ? byDomain.get(domain) : undefined;
      if (!f) return empty(url, domain);
      return { url, domain, rank: f.rank, referringDomains: f.referringDomains, backlinks: f.backlinks, spamScore: f.spamScore };
    });
    return { ok: true, step: 'run', figures, calls: run.data.calls, spentUsd: run.data.spentUsd, failed: run.data.failed.map((x) => x.message) };
  } catch (e) {
    console.error('Backlink Lens: unexpected error while answering the results page', e);
    return { ok: false, error: appError('internal', t('errSerpInternal'), true) };
  }
}

const empty = (url: string, domain: string | null): SerpFigures => ({ url, domain, rank: null, referringDomains: null, backlinks: null, spamScore: null });
