import { useState, type Dispatch, type StateUpdater } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PublicSettings } from '@/lib/messages';
import { SERP_ORIGINS } from '@/lib/serp/hosts';
import type { Settings } from '@/lib/settings/fields';
import type { ChoiceField } from '@/entrypoints/options/components/DefaultsSection';
import type { SerpNotice } from '@/entrypoints/options/components/SerpPermission';

/**
 * The Google results figures' host permission: asked for on the click that turns the setting on,
 * before the setting is saved; offered for removal when it is turned off.
 */
export function useSerpPermission(props: {
  setPub: Dispatch<StateUpdater<PublicSettings | null>>;
  saveChoice: <K extends ChoiceField>(field: K, value: Settings[K]) => void;
}) {
  const { setPub, saveChoice } = props;
  const [serpNotice, setSerpNotice] = useState<SerpNotice>(null);

  /** Save a choice; for the Google results figures, ask for the host permission first. */
  function onChoice<K extends ChoiceField>(field: K, value: Settings[K]) {
    // Google results figures: the host permission is asked for on this click, before the setting is saved.
    if (field === 'serpFigures') {
      if (value === true) {
        setSerpNotice(null);
        browser.permissions.request({ origins: SERP_ORIGINS }).then(
          (granted) => {
            if (granted) saveChoice(field, value);
            else {
              setPub((p) => (p ? { ...p, settings: { ...p.settings, serpFigures: false } } : p));
              setSerpNotice('refused');
            }
          },
          () => setSerpNotice('refused'),
        );
        return;
      }
      setSerpNotice('offer-remove');
    }
    saveChoice(field, value);
  }

  function removePermission() {
    void browser.permissions.remove({ origins: SERP_ORIGINS }).then(() => setSerpNotice('removed'));
  }

  return { serpNotice, onChoice, removePermission };
}
