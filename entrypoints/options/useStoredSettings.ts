import { useCallback, useState } from 'preact/hooks';
import { ask } from '@/lib/ask';
import type { AppError } from '@/lib/errors';
import type { PublicSettings } from '@/lib/messages';
import { draftFromSaved, type CredentialsDraft } from '@/entrypoints/options/components/form';

/**
 * What the worker has stored, as the options page shows it (settings, the credentials' summary, the
 * quotes), and the Credentials form's draft, which starts again from what is stored at each read.
 */
export function useStoredSettings() {
  const [pub, setPub] = useState<PublicSettings | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [draft, setDraft] = useState<CredentialsDraft | null>(null);

  const load = useCallback(async () => {
    const r = await ask({ type: 'getSettings' });
    if (!r.ok) {
      setLoadError(r.error);
      return;
    }
    setLoadError(null);
    setPub(r.data);
    setDraft(draftFromSaved(r.data));
  }, []);

  return { pub, setPub, draft, setDraft, loadError, load };
}
