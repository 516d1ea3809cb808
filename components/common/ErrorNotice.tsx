import type { ComponentChildren } from 'preact';
import type { AppError } from '@/lib/errors';
import { t } from '@/lib/i18n';

/** An error value rendered as its sentence, with a retry button only when retrying can help. */
export function ErrorNotice(props: { error: AppError; onRetry?: () => void; children?: ComponentChildren; title?: string }) {
  const { error } = props;
  return (
    <div class="notice error" role="alert" data-error-kind={error.kind}>
      {props.title && <div class="title">{props.title}</div>}
      <div class="message">{error.message}</div>
      {(props.onRetry && error.retryable) || props.children ? (
        <div class="actions">
          {props.onRetry && error.retryable && (
            <button type="button" onClick={props.onRetry} data-testid={error.kind === 'answer-lost' ? 'check-again' : undefined}>
              {error.kind === 'answer-lost' ? t('commonCheckAgain') : t('commonTryAgain')}
            </button>
          )}
          {props.children}
        </div>
      ) : null}
    </div>
  );
}
