import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';

/** An inline yes/no question; the "yes" button takes the focus when it appears, Escape cancels. */
export function Confirm(props: {
  children: ComponentChildren;
  yes: string;
  no?: string;
  yesTestId?: string;
  danger?: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div
      class="notice confirm"
      role="group"
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onNo();
      }}
    >
      <div class="message">{props.children}</div>
      <div class="actions">
        <button type="button" ref={yes} class={props.danger ? 'danger' : 'primary'} data-testid={props.yesTestId} onClick={props.onYes}>
          {props.yes}
        </button>
        <button type="button" onClick={props.onNo}>
          {props.no ?? t('optionsCancel')}
        </button>
      </div>
    </div>
  );
}
