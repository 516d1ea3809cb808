import type { AppError } from '@/lib/errors';
import type { HistoryEntry } from '@/lib/messages';
import type { Scope } from '@/lib/lookupTarget';
import { formatAgo, formatDate, formatExact } from '@/lib/format';
import { Count, ErrorNotice, SafeLink } from '@/components/common';
import { historyHref } from './form';
import { t } from '@/lib/i18n';

const SCOPE_LABEL: Record<Scope, string> = { domain: 'Domain', host: 'Host', page: 'Page' };

export interface HistorySectionProps {
  history: HistoryEntry[] | null;
  error: AppError | null;
  onRetry: () => void;
}

/**
 * The last profile checks, newest first, as the worker keeps them. A cached line reopens for free:
 * open the site and click the toolbar icon. Targets are text; the link goes only to the site itself.
 */
export function HistorySection(props: HistorySectionProps) {
  const { history } = props;
  const now = Date.now();
  return (
    <section class="card" id="history" aria-labelledby="history-title">
      <div class="card-head">
        <h2 id="history-title">{t('optionsHistoryTitle')}</h2>
        {history && history.length > 0 && (
          <span class="hint">
            {history.length} {history.length === 1 ? 'check' : 'checks'}, newest first
          </span>
        )}
      </div>
      {props.error && (
        <div data-testid="error">
          <ErrorNotice error={props.error} onRetry={props.onRetry} />
        </div>
      )}
      {history && history.length === 0 && (
        <p class="muted" data-testid="history-empty">
          No checks yet. Click the Backlink Lens icon on any website.
        </p>
      )}
      {history && history.length > 0 && (
        <>
          <div class="table-wrap">
            <table class="ledger history" data-testid="history">
              <thead>
                <tr>
                  <th scope="col">Target</th>
                  <th scope="col">Scope</th>
                  <th scope="col">When</th>
                  <th scope="col" class="num">
                    Rank
                  </th>
                  <th scope="col" class="num">
                    Backlinks
                  </th>
                  <th scope="col" class="num" title="Referring domains">
                    Ref. domains
                  </th>
                  <th scope="col">Cache</th>
                </tr>
              </thead>
              <tbody>
                {history.map((e) => (
                  <tr key={`${e.scope}:${e.target.value}`} data-testid="history-row" data-scope={e.scope} data-cached={String(e.cached)}>
                    <td class="target" data-testid="history-target">
                      <SafeLink href={historyHref(e.target)} title={e.target.value}>
                        {e.target.display || e.target.value}
                      </SafeLink>
                    </td>
                    <td class="nowrap">{SCOPE_LABEL[e.scope]}</td>
                    <td class="nowrap" title={new Date(e.at).toLocaleString()}>
                      {formatAgo(e.at, now)}
                    </td>
                    <td class="num" data-testid="history-rank">
                      <Count value={e.rank} />
                      <Change figure="rank" now={e.rank} entry={e} />
                    </td>
                    <td class="num" data-testid="history-backlinks">
                      <Count value={e.backlinks} />
                      <Change figure="backlinks" now={e.backlinks} entry={e} />
                    </td>
                    <td class="num" data-testid="history-domains">
                      <Count value={e.referringDomains} />
                      <Change figure="referringDomains" now={e.referringDomains} entry={e} />
                    </td>
                    <td class="nowrap" data-testid="history-cache">
                      {e.cached ? (
                        <span class="badge good" title="Open the site and click the Backlink Lens icon: the answer comes from the cache.">
                          cached — reopening is free
                        </span>
                      ) : (
                        <span class="badge" title="The cached answer is gone: checking again is a paid call.">
                          expired
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="hint">The history stays when the cache is cleared; only cached lines reopen without a new paid call.</p>
        </>
      )}
      {!history && !props.error && <p class="muted">Loading…</p>}
    </section>
  );
}

/**
 * The change against the earlier check, as a short signed number explained on hover (the popup's
 * longer wording, lib/change.ts, stays out of this page so the popup keeps it in its own chunk).
 */
function Change(props: { figure: 'rank' | 'backlinks' | 'referringDomains'; now: number | null; entry: HistoryEntry }) {
  const e = props.entry.earlier;
  const before = e?.[props.figure];
  if (!e || before == null || props.now == null || props.now === before) return null;
  const d = props.now - before;
  const other = e.sameOptions ? '' : ', made with other options';
  return (
    <span
      class={`history-change ${e.sameOptions ? (d > 0 ? 'up' : 'down') : 'other'}`}
      title={`${formatExact(before)} in the check of ${formatDate(new Date(e.fetchedAt).toISOString())}${other}`}
      data-testid="history-change"
    >
      {d > 0 ? '+' : '−'}
      {formatExact(Math.abs(d))}
      {e.sameOptions ? '' : '*'}
    </span>
  );
}
