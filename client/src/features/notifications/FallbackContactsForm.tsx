import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, SelectField, TextField } from '../../components/form';
import { useAnnounce } from '../../lib/announce';
import { afterRender, focusElement } from '../../lib/focus';
import { useAction } from '../../lib/use-api';
import { saveFallbackContacts, useFallbackContacts, type FallbackContact } from './api';

const KINDS = ['office_oncall', 'state_office', 'other'] as const;

/** The office admin keeps whom the on-call worker calls when no emergency unit is left. */
export function FallbackContactsForm() {
  const { t } = useTranslation();
  const list = useFallbackContacts(true);
  const save = useAction();
  const [rows, setRows] = useState<FallbackContact[]>([]);
  const [saved, setSaved] = useState(false);
  const announce = useAnnounce();
  useEffect(() => {
    if (list.data) setRows(list.data.items);
  }, [list.data]);
  const set = (i: number, k: keyof FallbackContact) => (v: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const r = await save.run(() => saveFallbackContacts(rows));
    if (r) {
      setRows(r.items);
      setSaved(true);
      announce(t('notifications.fallback.saved', { count: r.items.length }));
    }
  }
  return (
    <section aria-labelledby="fb-h">
      <h2 id="fb-h">{t('notifications.fallback.title')}</h2>
      <p>{t('notifications.fallback.intro')}</p>
      <ErrorAlert error={list.error} />
      <Form onSubmit={(e) => void submit(e)} error={save.error}>
        {rows.map((r, i) => (
          <fieldset key={i}>
            <legend>{t('notifications.fallback.row', { n: i + 1 })}</legend>
            <SelectField id={`fb-kind-${i}`} name={`items.${i}.kind`} label={t('notifications.fallback.kind')} value={r.kind} onChange={set(i, 'kind')}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`notifications.fallback.kinds.${k}`)}
                </option>
              ))}
            </SelectField>
            <TextField id={`fb-label-${i}`} name={`items.${i}.label`} label={t('notifications.fallback.label')} value={r.label} onChange={set(i, 'label')} />
            <TextField id={`fb-phone-${i}`} name={`items.${i}.phone`} label={t('notifications.fallback.phone')} type="tel" value={r.phone} onChange={set(i, 'phone')} />
            <button
              type="button"
              onClick={() => {
                setRows((rs) => rs.filter((_, j) => j !== i));
                // the pressed button is gone with its row: the focus goes to the row now in its place, else to "add"
                afterRender(() => focusElement(document.getElementById(`fb-kind-${i}`) ?? document.getElementById(`fb-kind-${i - 1}`) ?? document.getElementById('fb-add')));
                announce(t('notifications.fallback.removed', { n: i + 1 }));
              }}
            >
              {t('notifications.fallback.remove')}
            </button>
          </fieldset>
        ))}
        <p>
          <button
            type="button"
            id="fb-add"
            onClick={() => {
              setRows((rs) => [...rs, { kind: 'office_oncall', label: '', phone: '' }]);
              // straight into the new row
              afterRender(() => focusElement(document.getElementById(`fb-kind-${rows.length}`)));
            }}
          >
            {t('notifications.fallback.add')}
          </button>{' '}
          <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
            {t('notifications.fallback.save')}
          </button>
        </p>
        <p className="status">{saved ? t('notifications.saved') : ''}</p>
      </Form>
    </section>
  );
}
