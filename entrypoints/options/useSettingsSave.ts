import { useRef, useState, type Dispatch, type StateUpdater } from 'preact/hooks';
import { ask } from '@/lib/ask';
import type { PublicSettings } from '@/lib/messages';
import type { Settings } from '@/lib/settings/fields';
import { t } from '@/lib/i18n';
import type { ChoiceField, SaveStatus } from '@/entrypoints/options/components/DefaultsSection';
import { NUMBER_FIELDS, parseNumberField, validatePatch, type NumberField } from '@/entrypoints/options/components/form';

/**
 * The settings of the options page's cards, each saved by itself as it changes: choices at once,
 * typed numbers once they read as a valid value; saves are debounced and run one after the other.
 */

/** How long after the last change the defaults are saved. */
const SAVE_DELAY_MS = 400;

export function useSettingsSave(props: { setPub: Dispatch<StateUpdater<PublicSettings | null>>; loadSpend: () => Promise<void> }) {
  const { setPub } = props;
  const [drafts, setDrafts] = useState<Partial<Record<NumberField, string>>>({});
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<NumberField, string>>>({});
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ phase: 'idle' });
  const pending = useRef<Partial<Settings>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());

  /** Send what is pending; saves run one after the other. */
  function flush(): Promise<void> {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const run = saving.current.then(async () => {
      const patch = pending.current;
      if (Object.keys(patch).length === 0) return;
      pending.current = {};
      const problems = validatePatch(patch);
      if (problems.length > 0) {
        setSaveStatus({ phase: 'error', message: problems.join(' ') });
        return;
      }
      setSaveStatus({ phase: 'saving' });
      const r = await ask({ type: 'saveSettings', patch });
      if (!r.ok) {
        setSaveStatus({ phase: 'error', message: t('optionsNotSavedBecause', r.error.message) });
        // Show what is really stored.
        const again = await ask({ type: 'getSettings' });
        if (again.ok) setPub((p) => (p ? { ...again.data, settings: { ...again.data.settings, ...pending.current } } : again.data));
        return;
      }
      setPub({ ...r.data, settings: { ...r.data.settings, ...pending.current } });
      // A typed number that was saved as typed no longer needs its draft.
      setDrafts((d) => {
        const next = { ...d };
        for (const f of NUMBER_FIELDS) {
          if (!(f in patch) || next[f] === undefined) continue;
          const parsed = parseNumberField(f, next[f]!);
          if (parsed.ok && parsed.value === r.data.settings[f]) delete next[f];
        }
        return next;
      });
      if (Object.keys(pending.current).length === 0) setSaveStatus({ phase: 'saved' });
      // The daily budget is shown with the spend.
      if ('dailyBudget' in patch) void props.loadSpend();
    });
    saving.current = run.catch(() => undefined);
    return run;
  }

  function schedule() {
    if (timer.current) clearTimeout(timer.current);
    setSaveStatus({ phase: 'pending' });
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }

  function saveChoice<K extends ChoiceField>(field: K, value: Settings[K]) {
    pending.current = { ...pending.current, [field]: value };
    setPub((p) => (p ? { ...p, settings: { ...p.settings, [field]: value } } : p));
    schedule();
  }

  function onText(field: NumberField, text: string) {
    setDrafts((d) => ({ ...d, [field]: text }));
    const parsed = parseNumberField(field, text);
    if (!parsed.ok) {
      setFieldErrors((e) => ({ ...e, [field]: parsed.message }));
      const { [field]: _dropped, ...rest } = pending.current;
      pending.current = rest;
      if (Object.keys(rest).length === 0) {
        if (timer.current) clearTimeout(timer.current);
        setSaveStatus({ phase: 'idle' });
      }
      return;
    }
    setFieldErrors((e) => {
      const { [field]: _gone, ...rest } = e;
      return rest;
    });
    pending.current = { ...pending.current, [field]: parsed.value } as Partial<Settings>;
    schedule();
  }

  return { drafts, fieldErrors, saveStatus, pending, flush, saveChoice, onText };
}
