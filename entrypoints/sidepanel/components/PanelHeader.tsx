import { browser } from 'wxt/browser';
import type { Scope } from '@/lib/params.schema';
import type { PanelStore, PanelState } from '@/entrypoints/sidepanel/panelStore';
import { targetHeading } from '@/entrypoints/sidepanel/panelState';
import { onFollowClick } from '@/entrypoints/sidepanel/useFollowTab';
import { t } from '@/lib/i18n';

/** An option of the scope select: the domain by itself, the host and the page with their name. */
function scopeOption(scope: Scope, display: string): string {
  return scope === 'domain' ? t('panelScopeDomain') : scope === 'host' ? t('panelScopeHostOf', display) : t('panelScopePageOf', display);
}

/** What the panel shows (target and scope switch) and whether it follows the tab. */
export function PanelHeader(props: { store: PanelStore; state: PanelState }) {
  const { store } = props;
  const { target, site, follow, followNote } = props.state;
  const heading = target ? targetHeading(target) : null;
  const changeScope = (scope: Scope) => {
    if (site) store.showTarget(site[scope], { armed: true });
  };
  return (
    <header class="panel-head">
      <div class="head-line">
        <div class="target" data-testid="panel-target" data-scope={target?.scope ?? ''} title={target?.value ?? ''}>
          {heading ? (
            // The scope is said once, by the select below (its selected option); the heading is the name.
            <span class="target-name">{heading.display}</span>
          ) : (
            <span class="faint">{t('panelNoSite')}</span>
          )}
        </div>
        <div class="head-actions">
          {/* A button, not a link: the panel's only links are the http(s) addresses of the data. */}
          <button
            type="button"
            title={t('panelOpenBulkTitle')}
            data-testid="open-bulk"
            onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/bulk.html') })}
          >
            {t('panelOpenBulk')}
          </button>
        </div>
      </div>
      <div class="head-line sub">
        {site && target ? (
          <label class="field scope-pick">
            <span class="sr-only">{t('panelScopeLabel')}</span>
            <select data-testid="scope" value={target.scope} onChange={(e) => changeScope(e.currentTarget.value as Scope)}>
              {(['domain', 'host', 'page'] as const).map((sc) => (
                <option key={sc} value={sc}>
                  {scopeOption(sc, site[sc].display)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span />
        )}
        <label class="check follow" title={t('panelFollowTitle')}>
          <input type="checkbox" data-testid="follow-tab" checked={follow} onClick={(e) => onFollowClick(store, e)} />
          {t('panelFollow')}
        </label>
      </div>
      {followNote && <div class="note faint">{followNote}</div>}
    </header>
  );
}
