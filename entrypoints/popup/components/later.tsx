import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A part of the popup its first paint does not need (the collapsed details, the opt-in trend),
 * as a component that loads its code on first render and renders nothing until then. Each load
 * happens once per popup; the part's chunk stays out of the popup's open (bench: "Popup: JS+CSS
 * loaded at open").
 */
export function later<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => JSX.Element | null {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<unknown> | null = null;
  return function Later(props: P) {
    const [, setReady] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      loading ??= load().then((c) => {
        loaded = c;
      });
      void loading.then(() => {
        if (live) setReady(true);
      });
      return () => {
        live = false;
      };
    }, []);
    const Part = loaded;
    return Part ? <Part {...props} /> : null;
  };
}
