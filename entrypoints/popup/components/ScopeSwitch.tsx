import type { Scope } from '@/lib/lookupTarget';
import type { SiteTargets } from '@/lib/messages';

const OPTIONS: { scope: Scope; label: string; hint: string }[] = [
  { scope: 'domain', label: 'Domain', hint: 'The whole site, every subdomain' },
  { scope: 'host', label: 'Host', hint: 'Only this host name' },
  { scope: 'page', label: 'Page', hint: 'Only this exact page' },
];

/** Segmented control: which part of the site is checked. Buttons with aria-pressed, one per scope. */
export function ScopeSwitch(props: { site: SiteTargets; scope: Scope; disabled?: boolean; onChange: (scope: Scope) => void }) {
  return (
    <div class="p-seg" role="group" aria-label="What to check">
      {OPTIONS.map((o) => (
        <button
          type="button"
          key={o.scope}
          class={o.scope === props.scope ? 'on' : ''}
          aria-pressed={o.scope === props.scope}
          data-testid={`scope-${o.scope}`}
          title={`${o.hint}: ${props.site[o.scope].display}`}
          disabled={props.disabled}
          onClick={() => o.scope !== props.scope && props.onChange(o.scope)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
