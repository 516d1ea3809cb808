import { t, type MessageKey } from '@/lib/i18n';
import type { Scope } from '@/lib/lookupTarget';
import type { SiteTargets } from '@/lib/messages';

const OPTIONS: { scope: Scope; label: MessageKey; hint: MessageKey }[] = [
  { scope: 'domain', label: 'popupScopeDomain', hint: 'popupHintDomain' },
  { scope: 'host', label: 'popupScopeHost', hint: 'popupHintHost' },
  { scope: 'page', label: 'popupScopePage', hint: 'popupHintPage' },
];

/** Segmented control: which part of the site is checked. Buttons with aria-pressed, one per scope. */
export function ScopeSwitch(props: { site: SiteTargets; scope: Scope; disabled?: boolean; onChange: (scope: Scope) => void }) {
  return (
    <div class="p-seg" role="group" aria-label={t('popupScopes')}>
      {OPTIONS.map((o) => (
        <button
          type="button"
          key={o.scope}
          class={o.scope === props.scope ? 'on' : ''}
          aria-pressed={o.scope === props.scope}
          data-testid={`scope-${o.scope}`}
          title={`${t(o.hint)}: ${props.site[o.scope].display}`}
          disabled={props.disabled}
          onClick={() => o.scope !== props.scope && props.onChange(o.scope)}
        >
          {t(o.label)}
        </button>
      ))}
    </div>
  );
}
