import type { AppError } from '@/lib/errors';
import type { HistoryEntry } from '@/lib/messages';
import type { Scope } from '@/lib/lookupTarget';
import { formatAgo, formatDate, formatExact } from '@/lib/format';
import { Count } from '@/components/common/Count';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { SafeLink } from '@/components/common/SafeLink';
import { historyHref } from './form';
import { t, type MessageKey } from '@/lib/i18n';

const SCOPE_LABEL: Record<Scope, MessageKey> = { domain: 'optionsScopeDomain', host: 'optionsScopeHost', page: 'optionsScopePage' };

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
            {t(history.length === 1 ? 'optionsHistoryCountOne' : 'optionsHistoryCountOther', String(history.length))}
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
          {t('optionsHistoryEmpty')}
        </p>
      )}
      {history && history.length > 0 && (
        <>
          <div class="table-wrap">
            <table class="ledger history" data-testid="history">
              <thead>
                <tr>
                  <th scope="col">{t('optionsColTarget')}</th>
                  <th scope="col">{t('optionsColScope')}</th>
                  <th scope="col">{t('optionsColWhen')}</th>
                  <th scope="col" class="num">
                    {t('optionsColRank')}
                  </th>
                  <th scope="col" class="num">
                    {t('optionsColBacklinks')}
                  </th>
                  <th scope="col" class="num" title={t('optionsColDomainsTitle')}>
                    {t('optionsColDomains')}
                  </th>
                  <th scope="col">{t('optionsCacheTitle')}</th>
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
                    <td class="nowrap">{t(SCOPE_LABEL[e.scope])}</td>
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
                        <span class="badge good" title={t('optionsCachedTitle')}>
                          {t('optionsCached')}
                        </span>
                      ) : (
                        <span class="badge" title={t('optionsExpiredTitle')}>
                          {t('optionsExpired')}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="hint">{t('optionsHistoryNote')}</p>
        </>
      )}
      {!history && !props.error && <p class="muted">{t('optionsLoading')}</p>}
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
  return (
    <span
      class={`history-change ${e.sameOptions ? (d > 0 ? 'up' : 'down') : 'other'}`}
      title={t(e.sameOptions ? 'optionsChangeTitle' : 'optionsChangeTitleOther', formatExact(before), formatDate(new Date(e.fetchedAt).toISOString()))}
      data-testid="history-change"
    >
      {d > 0 ? '+' : '−'}
      {formatExact(Math.abs(d))}
      {e.sameOptions ? '' : '*'}
    </span>
  );
}
