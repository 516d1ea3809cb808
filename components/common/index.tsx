import type { ComponentChildren } from 'preact';
import type { AppError } from '../../lib/errors';
import { formatCount, formatExact, formatShare, safeHref } from '../../lib/format';

/** A link only when the URL is http(s); otherwise the text, inert. Opens in a new tab without opener/referrer. */
export function SafeLink(props: { href: string | null | undefined; children?: ComponentChildren; class?: string; title?: string }) {
  const href = safeHref(props.href);
  const content = props.children ?? props.href ?? '';
  if (!href) return <span class={props.class} title={props.title}>{content}</span>;
  return (
    <a class={props.class} href={href} target="_blank" rel="noopener noreferrer" title={props.title ?? href}>
      {content}
    </a>
  );
}

/** A big number for reading (12.4K) with the exact figure on hover. */
export function Count(props: { value: number | null | undefined; class?: string }) {
  return (
    <span class={`num ${props.class ?? ''}`} title={formatExact(props.value)}>
      {formatCount(props.value)}
    </span>
  );
}

/** An error value rendered as its sentence, with a retry button only when retrying can help. */
export function ErrorNotice(props: { error: AppError; onRetry?: () => void; children?: ComponentChildren; title?: string }) {
  const { error } = props;
  return (
    <div class="notice error" role="alert" data-error-kind={error.kind}>
      {props.title && <div class="title">{props.title}</div>}
      <div class="message">{error.message}</div>
      {(props.onRetry && error.retryable) || props.children ? (
        <div class="actions">
          {props.onRetry && error.retryable && <button onClick={props.onRetry}>Try again</button>}
          {props.children}
        </div>
      ) : null}
    </div>
  );
}

/** Small horizontal bars for a breakdown (top N), labels as text. */
export function Bars(props: { items: { key: string; count: number }[]; total?: number | null; max?: number; emptyLabel?: string; label: string }) {
  const items = props.items.slice(0, props.max ?? 5);
  if (items.length === 0) return <div class="faint">No data</div>;
  const top = Math.max(...items.map((i) => i.count), 1);
  return (
    <div class="bars" role="list" aria-label={props.label}>
      {items.map((i) => (
        <div class="bar-row" role="listitem" key={i.key}>
          <span class="label" title={i.key || props.emptyLabel || '(none)'}>{i.key || <span class="faint">{props.emptyLabel ?? '(none)'}</span>}</span>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${Math.max(2, (i.count / top) * 100)}%`, display: 'block' }} />
          </span>
          <span class="num" title={formatExact(i.count)}>
            {props.total ? formatShare(i.count, props.total) : formatCount(i.count)}
          </span>
        </div>
      ))}
    </div>
  );
}

export function Skeleton(props: { width?: string; height?: string }) {
  return <div class="skeleton" aria-hidden="true" style={{ width: props.width ?? '100%', height: props.height ?? '12px' }} />;
}
