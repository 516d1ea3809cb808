import type { ComponentChildren } from 'preact';
import { formatMoney } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';

/** The options page's sections, in page order: each is a card (or group of cards) with this id. */
export const OPTION_SECTIONS: readonly { id: string; labelKey: MessageKey }[] = [
  { id: 'connection', labelKey: 'optionsNavConnection' },
  { id: 'spend', labelKey: 'optionsNavSpend' },
  { id: 'defaults', labelKey: 'optionsNavDefaults' },
  { id: 'cache', labelKey: 'optionsNavCache' },
  { id: 'history', labelKey: 'optionsNavHistory' },
];

/** A sticky bar of links to the sections, with today's spend (always in sight) and where saving stands. */
export function SectionNav(props: { status?: ComponentChildren; spendToday?: number | null; dailyBudget?: number | null }) {
  return (
    <nav class="section-nav" aria-label={t('optionsNavLabel')} data-testid="section-nav">
      <ul>
        {OPTION_SECTIONS.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} data-testid={`nav-${s.id}`}>
              {t(s.labelKey)}
            </a>
          </li>
        ))}
      </ul>
      {props.spendToday != null && (
        <a href="#spend" class="section-nav-spend" data-testid="nav-spend-today" title={t('optionsNavSpendTitle')}>
          {t('optionsNavToday', formatMoney(props.spendToday))}
          {props.dailyBudget != null && <span class="muted"> {t('optionsNavOfBudget', formatMoney(props.dailyBudget))}</span>}
        </a>
      )}
      <span class="section-nav-status">{props.status}</span>
    </nav>
  );
}
