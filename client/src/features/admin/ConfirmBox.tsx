import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A second step before a consequential admin action: the question, what follows, and the two
 * answers. Takes the focus when it appears; "cancel" is first in the tab order after the text.
 */
export function ConfirmBox(props: { title: string; children?: ReactNode; confirm: string; busy?: boolean; onConfirm: () => void; onCancel: () => void; confirmDisabled?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="confirm-box" role="group" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <p className="actions">
        <button type="button" className="primary" disabled={props.busy || props.confirmDisabled} onClick={props.onConfirm}>
          {props.confirm}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('admin.cancel')}
        </button>
      </p>
    </div>
  );
}
