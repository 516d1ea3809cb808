import type { AppError } from '@/lib/errors';
import type { ReplyData } from '@/lib/messages';
import { formatMoney } from '@/lib/format';
import { PROVIDER_LABEL, type Provider } from '@/lib/providers';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { Confirm } from './Confirm';
import { formatApprox } from './form';
import { t } from '@/lib/i18n';

export type ConnectionResult = ReplyData<'testConnection'>;

export type ConnectionState =
  | { phase: 'idle' }
  /** AIsa: the paid test waits for a yes. */
  | { phase: 'confirm' }
  | { phase: 'testing' }
  | { phase: 'done'; result: ConnectionResult }
  | { phase: 'error'; error: AppError };

export interface ConnectionSectionProps {
  provider: Provider;
  /** Credentials for this provider are saved (or about to be, from the form). */
  ready: boolean;
  state: ConnectionState;
  /** Estimated USD of the paid AIsa test. */
  paidEstimate: number;
  onTest: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The connection test: free for DataForSEO and the sandbox, paid (and asked first) for AIsa. */
export function ConnectionSection(props: ConnectionSectionProps) {
  const { state } = props;
  const paid = props.provider === 'aisa';
  const busy = state.phase === 'testing';
  return (
    <section class="card" aria-labelledby="connection-title">
      <h2 id="connection-title">{t('optionsConnectionTitle')}</h2>
      <p class="muted">
        {paid ? t('optionsConnectionPaidNote', formatApprox(props.paidEstimate)) : t('optionsConnectionFreeNote', t(PROVIDER_LABEL[props.provider]))}
      </p>
      {state.phase === 'confirm' ? (
        <Confirm yes={t('optionsConnectionConfirmYes')} yesTestId="confirm-paid" onYes={props.onConfirm} onNo={props.onCancel}>
          {t('optionsConnectionConfirm', formatApprox(props.paidEstimate))}
        </Confirm>
      ) : (
        <div class="actions">
          <button type="button" class="primary" data-testid="test-connection" disabled={busy || !props.ready} onClick={props.onTest}>
            {busy ? t('optionsConnectionTesting') : paid ? t('optionsConnectionTestPaid') : t('optionsConnectionTest')}
          </button>
          {!props.ready && <span class="muted">{t('optionsConnectionSaveFirst')}</span>}
        </div>
      )}
      <div aria-live="polite">
        {state.phase === 'done' && <ConnectionOk result={state.result} />}
        {state.phase === 'error' && (
          <div class="connection-result" data-testid="connection-result">
            <div data-testid="error">
              <ErrorNotice error={state.error} title={t('optionsConnectionFailed')} />
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

function ConnectionOk(props: { result: ConnectionResult }) {
  const { result } = props;
  const account = result.account;
  return (
    <div class="connection-result notice ok" data-testid="connection-result" data-provider={result.provider}>
      <div class="title">{t('optionsConnectedTo', t(PROVIDER_LABEL[result.provider]))}</div>
      <dl class="facts">
        {account?.login != null && (
          <>
            <dt>{t('optionsAccountLogin')}</dt>
            <dd data-testid="account-login">{account.login}</dd>
          </>
        )}
        {account && (
          <>
            <dt>{t('optionsAccountBalance')}</dt>
            <dd class="num-left" data-testid="balance">
              {formatMoney(account.balance)}
            </dd>
          </>
        )}
        {account?.dailyCostLimit != null && account.dailyCostLimit > 0 && (
          <>
            <dt>{t('optionsAccountDailyLimit')}</dt>
            <dd>{formatMoney(account.dailyCostLimit)}</dd>
          </>
        )}
        {account?.spentToday != null && (
          <>
            <dt>{t('optionsAccountSpentToday')}</dt>
            <dd>{formatMoney(account.spentToday)}</dd>
          </>
        )}
        <dt>{t('optionsAccountBacklinks')}</dt>
        <dd data-testid="connection-summary">{result.summary}</dd>
        {result.cost > 0 && (
          <>
            <dt>{t('optionsAccountTestCost')}</dt>
            <dd>{formatMoney(result.cost)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
