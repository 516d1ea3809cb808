import { useCallback, useState } from 'preact/hooks';
import { ask } from '@/lib/ask';
import type { AppError } from '@/lib/errors';
import type { HistoryEntry } from '@/lib/messages';

/** The options page's History card: the checks made so far, loaded from the worker (free). */
export function useHistory() {
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [historyError, setHistoryError] = useState<AppError | null>(null);

  const loadHistory = useCallback(async () => {
    const r = await ask({ type: 'history' });
    if (r.ok) {
      setHistory(r.data);
      setHistoryError(null);
    } else setHistoryError(r.error);
  }, []);

  return { history, historyError, loadHistory };
}
