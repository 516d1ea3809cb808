import { useState } from 'preact/hooks';
import { ask } from '@/lib/ask';
import type { ConnectionState } from '@/entrypoints/options/components/ConnectionSection';
import type { CredentialsForm } from './useCredentials';

/**
 * The Connection card's test: it tests what the Credentials form shows (saving the form first when it
 * differs from what is saved); AIsa's test is paid, so it waits for the user's confirmation.
 */

/** What the test needs of the Credentials form. */
type TestedForm = Pick<CredentialsForm, 'draft' | 'formDirty' | 'saveCredentials'>;

export function useConnectionTest(props: { loadSpend: () => Promise<void> }) {
  const [conn, setConn] = useState<ConnectionState>({ phase: 'idle' });

  async function runTest(form: TestedForm, confirmPaid: boolean) {
    setConn({ phase: 'testing' });
    // Test what the form shows: save it first when it differs from what is saved.
    if (form.formDirty && !(await form.saveCredentials())) {
      setConn({ phase: 'idle' });
      return;
    }
    const r = await ask({ type: 'testConnection', confirmPaid });
    setConn(r.ok ? { phase: 'done', result: r.data } : { phase: 'error', error: r.error });
    if (r.ok && r.data.cost > 0) void props.loadSpend();
  }

  function onTest(form: TestedForm) {
    if (form.draft?.provider === 'aisa') setConn({ phase: 'confirm' });
    else void runTest(form, false);
  }

  const reset = () => setConn({ phase: 'idle' });

  return { conn, reset, onTest, runTest };
}
