import type { ComponentChildren } from 'preact';
import type { AppError } from '@/lib/errors';
import type { LedgerEntry, Spend, SpendCheck } from '@/lib/messages';
import { formatCount, formatExact, formatMoney } from '@/lib/format';
import { PROVIDER_LABEL } from '@/lib/providers';
import { ErrorNotice } from '@/components/common';
import { formatKb, formatLedgerTime } from './form';
import { t } from '@/lib/i18n';

const ENDPOINT_LABEL: Partial<Record<LedgerEntry['endpoint'], string>> = {
  profile: 'Summary',
  anchors: 'Anchors',
  backlinks: 'Backlinks',
  account: 'Account check',
  bulkRanks: 'Ranks (list of sites)',
  bulkReferringDomains: 'Referring domains (list of sites)',
  bulkBacklinks: 'Backlinks (list of sites)',
  bulkSpamScore: 'Spam scores (list of sites)',
};

/** The ledger's name of an endpoint, for people: its label, else its name in words ("referringDomains" → "Referring domains"). */
export function endpointLabel(e: LedgerEntry['endpoint']): string {
  const label = ENDPOINT_LABEL[e];
  if (label) return label;
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
            {r.busy ? 'Checking…' : 'Check with DataForSEO (free)'}
          </button>
        )}
        {spend.unconfirmedCount > 0 && (
          <>
            <button type="button" data-testid="unconfirmed-charged" disabled={r.busy} onClick={() => r.onResolve(true)}>
              They were charged
            </button>
            <button type="button" data-testid="unconfirmed-not-charged" disabled={r.busy} onClick={() => r.onResolve(false)}>
              They were not charged
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** What the checks cost (as the API reported it), the last paid calls, and the cache. */
/** What the ledger could not be sure of, in words: unconfirmed charges, odd costs, damaged lines, a failing storage. */
function SpendWarnings({ spend }: { spend: Spend }) {
  const lines: string[] = [];
  if (spend.writeFailure) {
    lines.push(
      spend.writeFailure === 'storage-full'
        ? 'The extension’s storage is full: no paid check is made until a cost can be recorded. Clear the cache below to fix it.'
        : 'The last write to the extension’s storage failed: no paid check is made until a cost can be recorded.',
    );
  }
  if (spend.unconfirmedCount > 0) {
    lines.push(
      `Unconfirmed charges: ${formatMoney(spend.unconfirmed)} in ${spend.unconfirmedCount} ` +
        `${spend.unconfirmedCount === 1 ? 'call' : 'calls'} stopped before the answer was recorded (counted at the estimate).`,
    );
  }
  if (spend.flaggedCount > 0) {
    lines.push(`${spend.flaggedCount} recorded ${spend.flaggedCount === 1 ? 'call' : 'calls'} reported no usable cost; the estimate was recorded instead.`);
  }
  if (spend.droppedCount > 0) {
    lines.push(`${spend.droppedCount} damaged ledger ${spend.droppedCount === 1 ? 'line was' : 'lines were'} dropped when read back; the rest were kept.`);
  }
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
          Refresh
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
              <div class="stat-label">Today</div>
              <div class="stat-value num-left" data-testid="spend-today">
                {formatMoney(spend.today)}
              </div>
            </div>
            <div class="stat">
              <div class="stat-label">This month</div>
              <div class="stat-value num-left" data-testid="spend-month">
                {formatMoney(spend.month)}
              </div>
            </div>
            <div class="stat">
              <div class="stat-label">Daily budget</div>
              <div class="stat-value num-left" data-testid="spend-budget">
                {spend.dailyBudget == null ? 'No cap' : formatMoney(spend.dailyBudget)}
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

          <h3>Last paid calls</h3>
          {spend.recent.length === 0 ? (
            <p class="muted" data-testid="ledger">
              No paid calls yet.
            </p>
          ) : (
            <div class="table-wrap">
              <table class="ledger" data-testid="ledger">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Call</th>
                    <th scope="col">Target</th>
                    <th scope="col" class="num">
                      Rows
                    </th>
                    <th scope="col" class="num">
                      Cost
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {spend.recent.slice(0, 20).map((e, i) => (
                    <tr key={`${e.at}-${i}`} data-endpoint={e.endpoint}>
                      <td class="nowrap" title={new Date(e.at).toLocaleString()}>
                        {formatLedgerTime(e.at, now)}
                      </td>
                      <td class="nowrap" title={PROVIDER_LABEL[e.provider]}>
                        {endpointLabel(e.endpoint)}
                        {e.provider !== 'dataforseo' && <span class="badge">{e.provider === 'sandbox' ? 'sandbox' : 'AIsa'}</span>}
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
      {!spend && !props.error && <p class="muted">Loading…</p>}
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
      <h2 id="cache-title">Cache</h2>
      <p class="muted">A check answered from the cache costs nothing.</p>
      {props.fields}
      {spend && (
        <>
          <h3>Stored answers</h3>
          <div class="actions cache-row">
            <span data-testid="cache-stats" data-entries={spend.cache.entries} data-bytes={spend.cache.bytes}>
              {formatExact(spend.cache.entries)} {spend.cache.entries === 1 ? 'entry' : 'entries'}, {formatKb(spend.cache.bytes)}
              <span class="muted"> of {formatKb(spend.cache.limitBytes)}</span>
            </span>
            <button type="button" data-testid="clear-cache" disabled={props.clearing || spend.cache.entries === 0} onClick={props.onClear}>
              {props.clearing ? 'Clearing…' : 'Clear cache'}
            </button>
          </div>
          <p class="hint">Clearing the cache costs nothing now, but the next check of each site is paid again. The spend log stays.</p>
        </>
      )}
    </section>
  );
}
