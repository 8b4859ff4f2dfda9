import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../components/form';
import { setSoundEnabled, soundEnabled } from '../../lib/alerts';
import { pushSubscribed, subscribePush, unsubscribePush } from './api';

/** What this device does when something arrives: sound and vibration, browser notifications, Web Push. */
export function DeviceAlerts({ pushKey }: { pushKey: string | null }) {
  const { t } = useTranslation();
  const [sound, setSound] = useState(soundEnabled);
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  const [push, setPush] = useState(false);
  const [pushFailed, setPushFailed] = useState(false);
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
      <p>
        {permission === 'granted' && t('notifications.browserOn')}
        {permission === 'denied' && t('notifications.browserDenied')}
        {permission === 'unsupported' && t('notifications.browserUnsupported')}
        {permission === 'default' && (
          <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
            {t('notifications.browserAllow')}
          </button>
        )}
      </p>
      {pushKey ? (
        <p>
          {push ? (
            <button type="button" onClick={() => void unsubscribePush().then(() => setPush(false))}>
              {t('notifications.pushOff')}
            </button>
          ) : (
            <button type="button" onClick={() => void subscribePush(pushKey).then(setPush, () => setPushFailed(true))}>
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
