import type { ComponentChildren } from 'preact';
import { formatMoney } from '@/lib/format';

/** The options page's sections, in page order: each is a card (or group of cards) with this id. */
export const OPTION_SECTIONS = [
  { id: 'connection', label: 'Connection' },
  { id: 'spend', label: 'Spend' },
  { id: 'defaults', label: 'Defaults' },
  { id: 'cache', label: 'Cache' },
  { id: 'history', label: 'History' },
] as const;

/** A sticky bar of links to the sections, with today's spend (always in sight) and where saving stands. */
export function SectionNav(props: { status?: ComponentChildren; spendToday?: number | null; dailyBudget?: number | null }) {
  return (
    <nav class="section-nav" aria-label="Settings sections" data-testid="section-nav">
      <ul>
        {OPTION_SECTIONS.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} data-testid={`nav-${s.id}`}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
      {props.spendToday != null && (
        <a href="#spend" class="section-nav-spend" data-testid="nav-spend-today" title="Spent today, as the API reported it">
          Today {formatMoney(props.spendToday)}
          {props.dailyBudget != null && <span class="muted"> of {formatMoney(props.dailyBudget)}</span>}
        </a>
      )}
      <span class="section-nav-status">{props.status}</span>
    </nav>
  );
}
