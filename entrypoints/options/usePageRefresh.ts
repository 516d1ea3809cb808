import { useCallback, useEffect } from 'preact/hooks';

/**
 * When the options page reads from the worker: everything at open; the spend and the history again
 * whenever the page comes back into view (checks run elsewhere change them). Settings not saved yet
 * are saved as the page is hidden.
 */
export function usePageRefresh(props: {
  load: () => Promise<void>;
  loadSpend: () => Promise<void>;
  loadHistory: () => Promise<void>;
  flush: () => Promise<void>;
}) {
  const { load, loadSpend, loadHistory } = props;

  /** Spend and history both change while checks run elsewhere. */
  const loadActivity = useCallback(() => {
    void loadSpend();
    void loadHistory();
  }, [loadSpend, loadHistory]);

  useEffect(() => {
    void load();
    loadActivity();
  }, [load, loadActivity]);

  // Spend and history change while checks run elsewhere: refresh when the page comes back into view.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') loadActivity();
      else void props.flush();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', loadActivity);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', loadActivity);
    };
  });

  return loadActivity;
}
