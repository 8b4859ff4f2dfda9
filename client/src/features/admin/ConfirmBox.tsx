import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A second step before a consequential admin action: the question, what follows, and the two
 * answers. Takes the focus when it appears; "cancel" is first in the tab order after the text.
 * When it closes and nothing else took the focus, the focus goes back to the button that opened it
 * (WCAG 2.4.3); after a confirmed action the page moves it to its status line.
 */
export function ConfirmBox(props: { title: string; children?: ReactNode; confirm: string; busy?: boolean; onConfirm: () => void; onCancel: () => void; confirmDisabled?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => {
      const now = document.activeElement;
      if ((!now || now === document.body) && opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <div className="confirm-box" role="group" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <p className="actions">
        {/* busy: stays focusable (aria-disabled) and does nothing, so the focus does not fall to the page */}
        <button type="button" className="primary" aria-disabled={props.busy || undefined} disabled={props.confirmDisabled} onClick={() => !props.busy && props.onConfirm()}>
          {props.confirm}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('admin.cancel')}
        </button>
      </p>
    </div>
  );
}
