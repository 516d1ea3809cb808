import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AppError } from '@/lib/errors';
import { formatCount, formatExact, formatShare } from '@/lib/format';
import { capText, chunkText, displayUrl, linkHref, ROW_CAP, TITLE_CAP, visibleText } from '@/lib/display';
import { t } from '@/lib/i18n';

/**
 * A link only when the URL is http(s) (userinfo dropped); otherwise the text, inert. Opens in a new
 * tab without opener/referrer. Without children it shows the URL by the display rules, capped.
 */
export function SafeLink(props: { href: string | null | undefined; children?: ComponentChildren; class?: string; title?: string }) {
  const href = linkHref(props.href);
  const shown = displayUrl(props.href);
  const content = props.children ?? capText(shown).text;
  const title = capText(props.title ?? shown, TITLE_CAP).text;
  if (!href) return <span class={props.class} title={title}>{content}</span>;
  return (
    <a class={props.class} href={href} target="_blank" rel="noopener noreferrer" title={title}>
      {content}
    </a>
  );
}

/** Isolated from the surrounding text's direction, and broken anywhere so one long word cannot widen a row. */
const ISOLATE = { unicodeBidi: 'isolate', overflowWrap: 'anywhere', wordBreak: 'break-word' } as const;
/** The scroll-bounded box of a full text; each chunk is its own block with contained layout. */
const FULL_BOX = { maxHeight: '12em', overflowY: 'auto', overflowWrap: 'anywhere', wordBreak: 'break-all', unicodeBidi: 'isolate' } as const;
const CHUNK_STYLE = { display: 'block', contain: 'content', contentVisibility: 'auto', containIntrinsicSize: 'auto 3em' } as const;

/** Untrusted text for a row: invisible characters shown, cut at `max` characters, the cut text (capped) on hover. */
export function Capped(props: { text: string | null | undefined; max?: number; class?: string }) {
  const text = visibleText(props.text ?? '');
  const { text: shown, cut } = capText(text, props.max ?? ROW_CAP);
  return (
    <span class={props.class} style={ISOLATE} title={cut ? capText(text, TITLE_CAP).text : text} data-cut={cut ? 'true' : undefined}>
      {shown}
    </span>
  );
}

/**
 * Untrusted text shown in full on demand: the first `max` characters, then a button that shows the
 * rest inside a scroll-bounded box, in chunks, so even a megabyte without spaces lays out quickly.
 */
export function FullText(props: { text: string | null | undefined; max?: number; class?: string }) {
  const [all, setAll] = useState(false);
  const text = visibleText(props.text ?? '');
  const { text: shown, cut } = capText(text, props.max ?? ROW_CAP);
  if (!cut) return <span class={props.class} style={ISOLATE}>{text}</span>;
  if (!all) {
    return (
      <span class={props.class} style={ISOLATE}>
        {shown}{' '}
        <button type="button" class="link-button" data-testid="show-full" onClick={() => setAll(true)}>
          {t('commonShowAllChars', formatExact(text.length))}
        </button>
      </span>
    );
  }
  return (
    <div class={props.class} style={FULL_BOX} data-testid="full-text" tabIndex={0}>
      {chunkText(text).map((c, i) => (
        <span key={i} style={CHUNK_STYLE}>{c}</span>
      ))}
    </div>
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

/** Small horizontal bars for a breakdown (top N), labels as text. */
export function Bars(props: { items: { key: string; count: number }[]; total?: number | null; max?: number; emptyLabel?: string; label: string }) {
  const items = props.items.slice(0, props.max ?? 5);
  if (items.length === 0) return <div class="faint">{t('commonNoData')}</div>;
  const top = Math.max(...items.map((i) => i.count), 1);
  return (
    <div class="bars" role="list" aria-label={props.label}>
      {items.map((i) => (
        <div class="bar-row" role="listitem" key={i.key}>
          <span class="label" title={i.key ? capText(visibleText(i.key), TITLE_CAP).text : props.emptyLabel || t('commonNone')}>{i.key ? capText(visibleText(i.key)).text : <span class="faint">{props.emptyLabel ?? t('commonNone')}</span>}</span>
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
