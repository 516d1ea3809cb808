import { useCallback, useState } from 'preact/hooks';
import { ask } from '@/lib/ask';
import type { AppError } from '@/lib/errors';
import type { Spend } from '@/lib/messages';

/**
 * The options page's spend summary (today, the budget, the ledger, the cache's size), shown by the
 * Spend and Cache cards and the section nav: loaded from the worker, and cleared with the cache.
 */
export function useSpend(props: { loadHistory: () => Promise<void> }) {
  const [spend, setSpend] = useState<Spend | null>(null);
  const [spendError, setSpendError] = useState<AppError | null>(null);
  const [clearing, setClearing] = useState(false);

  const loadSpend = useCallback(async () => {
    const r = await ask({ type: 'spend' });
    if (r.ok) {
      setSpend(r.data);
      setSpendError(null);
    } else setSpendError(r.error);
  }, []);

  async function clearCache() {
    setClearing(true);
    try {
      const r = await ask({ type: 'clearCache' });
      if (r.ok) {
        setSpend(r.data);
        setSpendError(null);
      } else setSpendError(r.error);
      // Cleared lines now read "expired"; the history itself stays.
      await props.loadHistory();
    } finally {
      setClearing(false);
    }
  }

  return { spend, setSpend, spendError, loadSpend, clearing, clearCache };
}
