import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../components/form';
import { setSoundEnabled, soundEnabled } from '../../lib/alerts';
import { useAnnounce } from '../../lib/announce';
import { afterRender, focusElement } from '../../lib/focus';
import { pushSubscribed, subscribePush, unsubscribePush } from './api';

/** What this device does when something arrives: sound and vibration, browser notifications, Web Push. */
export function DeviceAlerts({ pushKey }: { pushKey: string | null }) {
  const { t } = useTranslation();
  const [sound, setSound] = useState(soundEnabled);
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  const [push, setPush] = useState(false);
  const [pushFailed, setPushFailed] = useState(false);
  const announce = useAnnounce();
  const browserLine = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    void pushSubscribed().then(setPush);
  }, []);
  return (
    <section aria-labelledby="device-h">
      <h2 id="device-h">{t('notifications.device')}</h2>
      <Checkbox
        id="s-sound"
        label={t('notifications.sound')}
        hint={t('notifications.soundHint')}
        checked={sound}
        onChange={(on) => {
          setSoundEnabled(on);
          setSound(on);
        }}
      />
      {/* after the browser's question the button is gone: the focus comes to this line, which reads the answer */}
      <p ref={browserLine}>
        {permission === 'granted' && t('notifications.browserOn')}
        {permission === 'denied' && t('notifications.browserDenied')}
        {permission === 'unsupported' && t('notifications.browserUnsupported')}
        {permission === 'default' && (
          <button
            type="button"
            onClick={() =>
              void Notification.requestPermission().then((p) => {
                setPermission(p);
                afterRender(() => focusElement(browserLine.current));
              })
            }
          >
            {t('notifications.browserAllow')}
          </button>
        )}
      </p>
      {pushKey ? (
        <p>
          {push ? (
            // one button whose text changes: the focus stays on it; the new state is announced
            <button
              type="button"
              onClick={() =>
                void unsubscribePush().then(() => {
                  setPush(false);
                  announce(t('notifications.pushOffDone'));
                })
              }
            >
              {t('notifications.pushOff')}
            </button>
          ) : (
            <button
              type="button"
              onClick={() =>
                void subscribePush(pushKey).then(
                  (on) => {
                    setPush(on);
                    if (on) announce(t('notifications.pushActive'));
                  },
                  () => {
                    setPushFailed(true);
                    announce(t('notifications.pushFailed'));
                  },
                )
              }
            >
              {t('notifications.pushOn')}
            </button>
          )}{' '}
          {push && t('notifications.pushActive')}
          {pushFailed && <span className="field-error">{t('notifications.pushFailed')}</span>}
        </p>
      ) : (
        <p className="muted">{t('notifications.pushNotConfigured')}</p>
      )}
    </section>
  );
}
