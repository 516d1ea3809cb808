import type { ComponentChildren } from 'preact';
import type { AppError } from '@/lib/errors';
import type { LedgerEntry, Spend, SpendCheck } from '@/lib/messages';
import { formatCount, formatExact, formatMoney } from '@/lib/format';
import { PROVIDER_LABEL } from '@/lib/providers';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { formatKb, formatLedgerTime } from './form';
import { t, type MessageKey } from '@/lib/i18n';

const ENDPOINT_LABEL: Partial<Record<LedgerEntry['endpoint'], MessageKey>> = {
  profile: 'optionsEndpointProfile',
  anchors: 'optionsEndpointAnchors',
  backlinks: 'optionsEndpointBacklinks',
  account: 'optionsEndpointAccount',
  bulkRanks: 'optionsEndpointBulkRanks',
  bulkReferringDomains: 'optionsEndpointBulkReferringDomains',
  bulkBacklinks: 'optionsEndpointBulkBacklinks',
  bulkSpamScore: 'optionsEndpointBulkSpamScore',
};

/** The ledger's name of an endpoint, for people: its label, else its name in words ("referringDomains" → "Referring domains"). */
export function endpointLabel(e: LedgerEntry['endpoint']): string {
  const label = ENDPOINT_LABEL[e];
  if (label) return t(label);
  const words = e.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface SpendSectionProps {
  spend: Spend | null;
  error: AppError | null;
  onRefresh: () => void;
  /** The spend settings (daily budget, automatic checks), shown under the figures. */
  fields?: ComponentChildren;
  /** Comparing with DataForSEO's own figure (free) and the user's word on unconfirmed charges. */
  reconcile?: ReconcileProps;
}

export interface ReconcileProps {
  /** Whether the provider in use has a free account call (DataForSEO and its sandbox do, AIsa does not). */
  canCheck: boolean;
  busy: boolean;
  result: SpendCheck | null;
  error: AppError | null;
  onCheck: () => void;
  onResolve: (charged: boolean) => void;
}

/** Unconfirmed charges: check them against DataForSEO's figure for today, then say whether they were charged. */
function Reconcile({ spend, r }: { spend: Spend; r: ReconcileProps }) {
  if (spend.unconfirmedCount === 0 && !r.result) return null;
  return (
    <div class="notice" data-testid="reconcile">
      {r.result && <p data-testid="reconcile-summary">{r.result.summary}</p>}
      {r.error && <ErrorNotice error={r.error} />}
      <div class="actions">
        {r.canCheck && (
          <button type="button" data-testid="check-spend" disabled={r.busy} onClick={r.onCheck}>
            {r.busy ? t('optionsCheckingSpend') : t('optionsCheckSpend')}
          </button>
        )}
        {spend.unconfirmedCount > 0 && (
          <>
            <button type="button" data-testid="unconfirmed-charged" disabled={r.busy} onClick={() => r.onResolve(true)}>
              {t('optionsWereCharged')}
            </button>
            <button type="button" data-testid="unconfirmed-not-charged" disabled={r.busy} onClick={() => r.onResolve(false)}>
              {t('optionsWereNotCharged')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** What the ledger could not be sure of, in words: unconfirmed charges, odd costs, damaged lines, a failing storage. */
function SpendWarnings({ spend }: { spend: Spend }) {
  const lines: string[] = [];
  if (spend.writeFailure) lines.push(t(spend.writeFailure === 'storage-full' ? 'optionsStorageFull' : 'optionsStorageFailed'));
  if (spend.unconfirmedCount > 0) {
    const n = spend.unconfirmedCount;
    lines.push(t(n === 1 ? 'optionsUnconfirmedOne' : 'optionsUnconfirmedOther', formatMoney(spend.unconfirmed), String(n)));
  }
  if (spend.flaggedCount > 0) lines.push(t(spend.flaggedCount === 1 ? 'optionsFlaggedOne' : 'optionsFlaggedOther', String(spend.flaggedCount)));
  if (spend.droppedCount > 0) lines.push(t(spend.droppedCount === 1 ? 'optionsDroppedOne' : 'optionsDroppedOther', String(spend.droppedCount)));
  if (lines.length === 0) return null;
  return (
    <ul class="notice" data-testid="spend-warnings">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

export function SpendSection(props: SpendSectionProps) {
  const { spend } = props;
  const now = Date.now();
  return (
    <section class="card" id="spend" aria-labelledby="spend-title">
      <div class="card-head">
        <h2 id="spend-title">{t('optionsSpendTitle')}</h2>
        <button type="button" class="link" onClick={props.onRefresh}>
          {t('optionsRefresh')}
        </button>
      </div>
      {props.error && (
        <div data-testid="error">
          <ErrorNotice error={props.error} onRetry={props.onRefresh} />
        </div>
      )}
      {spend && (
        <>
          {props.reconcile && <Reconcile spend={spend} r={props.reconcile} />}
          <div class="stats">
            <div class="stat">
              <div class="stat-label">{t('optionsStatToday')}</div>
              <div class="stat-value num-left" data-testid="spend-today">
                {formatMoney(spend.today)}
              </div>
            </div>
            <div class="stat">
              <div class="stat-label">{t('optionsStatMonth')}</div>
              <div class="stat-value num-left" data-testid="spend-month">
                {formatMoney(spend.month)}
              </div>
            </div>
            <div class="stat">
              <div class="stat-label">{t('optionsStatBudget')}</div>
              <div class="stat-value num-left" data-testid="spend-budget">
                {spend.dailyBudget == null ? t('optionsNoCap') : formatMoney(spend.dailyBudget)}
              </div>
              {spend.dailyBudget != null && spend.dailyBudget > 0 && (
                <div class="meter" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, (spend.today / spend.dailyBudget) * 100)}%` }} />
                </div>
              )}
            </div>
          </div>
          <SpendWarnings spend={spend} />
          {props.fields}

          <h3>{t('optionsLastPaidCalls')}</h3>
          {spend.recent.length === 0 ? (
            <p class="muted" data-testid="ledger">
              {t('optionsNoPaidCalls')}
            </p>
          ) : (
            <div class="table-wrap">
              <table class="ledger" data-testid="ledger">
                <thead>
                  <tr>
                    <th scope="col">{t('optionsColTime')}</th>
                    <th scope="col">{t('optionsColCall')}</th>
                    <th scope="col">{t('optionsColTarget')}</th>
                    <th scope="col" class="num">
                      {t('optionsColRows')}
                    </th>
                    <th scope="col" class="num">
                      {t('optionsColCost')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {spend.recent.slice(0, 20).map((e, i) => (
                    <tr key={`${e.at}-${i}`} data-endpoint={e.endpoint}>
                      <td class="nowrap" title={new Date(e.at).toLocaleString()}>
                        {formatLedgerTime(e.at, now)}
                      </td>
                      <td class="nowrap" title={t(PROVIDER_LABEL[e.provider])}>
                        {endpointLabel(e.endpoint)}
                        {e.provider !== 'dataforseo' && <span class="badge">{e.provider === 'sandbox' ? t('optionsBadgeSandbox') : 'AIsa'}</span>}
                      </td>
                      <td class="target" title={e.target}>
                        {e.target}
                      </td>
                      <td class="num" title={formatExact(e.rows)}>
                        {formatCount(e.rows)}
                      </td>
                      <td class="num" data-testid="ledger-cost">
                        {formatMoney(e.cost)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

        </>
      )}
      {!spend && !props.error && <p class="muted">{t('optionsLoading')}</p>}
    </section>
  );
}

export interface CacheSectionProps {
  spend: Spend | null;
  clearing: boolean;
  onClear: () => void;
  /** The cache lifetime setting. */
  fields?: ComponentChildren;
}

/** How long answers are kept, what the cache holds, and clearing it. */
export function CacheSection(props: CacheSectionProps) {
  const { spend } = props;
  return (
    <section class="card" id="cache" aria-labelledby="cache-title">
      <h2 id="cache-title">{t('optionsCacheTitle')}</h2>
      <p class="muted">{t('optionsCacheNote')}</p>
      {props.fields}
      {spend && (
        <>
          <h3>{t('optionsStoredAnswers')}</h3>
          <div class="actions cache-row">
            <span data-testid="cache-stats" data-entries={spend.cache.entries} data-bytes={spend.cache.bytes}>
              {t(spend.cache.entries === 1 ? 'optionsCacheEntriesOne' : 'optionsCacheEntriesOther', formatExact(spend.cache.entries), formatKb(spend.cache.bytes))}
              <span class="muted"> {t('optionsCacheOfLimit', formatKb(spend.cache.limitBytes))}</span>
            </span>
            <button type="button" data-testid="clear-cache" disabled={props.clearing || spend.cache.entries === 0} onClick={props.onClear}>
              {props.clearing ? t('optionsClearing') : t('optionsClearCache')}
            </button>
          </div>
          <p class="hint">{t('optionsClearCacheNote')}</p>
        </>
      )}
    </section>
  );
}
