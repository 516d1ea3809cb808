import { useState } from 'preact/hooks';
import { ask } from '@/lib/ask';
import type { AppError } from '@/lib/errors';
import type { Spend, SpendCheck } from '@/lib/messages';

/**
 * The Spend card's unconfirmed charges: check them against the provider's own figure for today, or settle
 * them by hand (charged or not); both change the spend shown.
 */
export function useUnconfirmedCharges(props: { loadSpend: () => Promise<void>; setSpend: (spend: Spend) => void }) {
  const [reconcile, setReconcile] = useState<{ busy: boolean; result: SpendCheck | null; error: AppError | null }>({
    busy: false,
    result: null,
    error: null,
  });

  async function checkSpend() {
    setReconcile((r) => ({ ...r, busy: true, error: null }));
    const r = await ask({ type: 'checkSpend' });
    setReconcile({ busy: false, result: r.ok ? r.data : null, error: r.ok ? null : r.error });
    void props.loadSpend();
  }

  async function resolveUnconfirmed(charged: boolean) {
    setReconcile((r) => ({ ...r, busy: true, error: null }));
    const r = await ask({ type: 'resolveUnconfirmed', charged });
    if (r.ok) {
      props.setSpend(r.data);
      setReconcile({ busy: false, result: null, error: null });
    } else setReconcile((prev) => ({ ...prev, busy: false, error: r.error }));
  }

  return { reconcile, checkSpend, resolveUnconfirmed };
}
