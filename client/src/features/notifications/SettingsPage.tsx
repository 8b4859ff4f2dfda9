import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, RadioGroup, TextField } from '../../components/form';
import { useAnnounce } from '../../lib/announce';
import { useAuth } from '../../lib/auth';
import { useAction } from '../../lib/use-api';
import { saveMySettings, useMySettings } from './api';
import { DeviceAlerts } from './DeviceAlerts';
import { FallbackContactsForm } from './FallbackContactsForm';

/** Per device: sound, browser notifications, push. Per user: call-back number, e-mail for regular requests. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const settings = useMySettings();
  const save = useAction();
  const [phone, setPhone] = useState('');
  const [mail, setMail] = useState('absent');
  const [saved, setSaved] = useState(false);
  const announce = useAnnounce();
  useEffect(() => {
    if (!settings.data) return;
    setPhone(settings.data.directPhone ?? '');
    setMail(settings.data.regularMail);
  }, [settings.data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const r = await save.run(() => saveMySettings({ directPhone: phone.trim() || null, regularMail: mail as 'absent' }));
    if (!r) return;
    setSaved(true);
    // the focus stays on "Speichern": the result is said through the shell's live region
    announce(t('notifications.saved'));
  }
  return (
    <>
      <h1>{t('notifications.title')}</h1>
      <ErrorAlert error={settings.error} />
      <DeviceAlerts pushKey={settings.data?.pushPublicKey ?? null} />
      <section aria-labelledby="me-h">
        <h2 id="me-h">{t('notifications.personal')}</h2>
        <Form onSubmit={(e) => void submit(e)} error={save.error}>
          <TextField id="s-phone" name="directPhone" label={t('notifications.directPhone')} hint={t('notifications.directPhoneHint')} type="tel" autoComplete="tel" value={phone} onChange={setPhone} />
          <RadioGroup
            id="s-mail"
            name="regularMail"
            legend={t('notifications.regularMail')}
            options={(['absent', 'always', 'never'] as const).map((c) => ({ code: c, label: t(`notifications.mail.${c}`) }))}
            value={mail}
            onChange={setMail}
          />
          <p className="hint">{t('notifications.emergencyMail')}</p>
          <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
            {t('notifications.save')}
          </button>
          <p className="status">{saved ? t('notifications.saved') : ''}</p>
        </Form>
      </section>
      {me?.user.role === 'office_admin' && <FallbackContactsForm />}
    </>
  );
}
