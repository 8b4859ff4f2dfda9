import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES_BY_ORG_KIND, type Role } from '../../../../shared/schemas/common';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, SelectField, TextField } from '../../components/form';
import { TableWrap } from '../../components/TableWrap';
import { useAnnounce } from '../../lib/announce';
import { useAuth } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { afterRender, focusElement } from '../../lib/focus';
import { useAction } from '../../lib/use-api';
import { adminApi, useUsers, type User } from './api';
import { ConfirmBox } from './ConfirmBox';

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const users = useUsers();
  const action = useAction();
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const announce = useAnnounce();
  const [disabling, setDisabling] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const roles = me ? ROLES_BY_ORG_KIND[me.organisation.kind] : [];
  const [form, setForm] = useState({ displayName: '', email: '', role: (roles[0] ?? 'caseworker') as Role, password: '' });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  async function create(e: FormEvent) {
    e.preventDefault();
    const u = await action.run(() => adminApi.createUser(form));
    if (!u) return;
    // the form stays and the focus with it: the result is announced
    setStatus(t('users.created', { name: u.displayName }));
    announce(t('users.created', { name: u.displayName }));
    setForm({ ...form, displayName: '', email: '', password: '' });
    users.reload();
  }

  async function toggle(u: User) {
    setDisabling(null);
    if (!(await action.run(() => adminApi.updateUser(u.id, { disabled: !u.disabled })))) return;
    setStatus(t('users.changed', { name: u.displayName }));
    // the confirmation box is gone: the focus goes to the result, which reads it
    afterRender(() => focusElement(statusRef.current));
    users.reload();
  }

  async function resetPassword(u: User) {
    setResetting(null);
    if (!(await action.run(() => adminApi.resetPassword(u.id)))) return;
    setStatus(t('users.resetSent', { name: u.displayName, email: u.email }));
    // the confirmation box is gone: the focus goes to the result, which reads it
    afterRender(() => focusElement(statusRef.current));
  }

  return (
    <>
      <h1>{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      {/* not a live region: announced through the shell, or read when the focus comes here */}
      <p className="status" tabIndex={-1} ref={statusRef}>
        {status}
      </p>
      <ErrorAlert error={action.error ?? users.error} fieldsInline />
      {disabling && (
        <ConfirmBox
          title={t('users.confirmDisable', { name: disabling.displayName })}
          confirm={t('users.confirmDisableYes')}
          busy={action.busy}
          onConfirm={() => void toggle(disabling)}
          onCancel={() => setDisabling(null)}
        >
          <p>{t('users.confirmDisableText')}</p>
        </ConfirmBox>
      )}
      {resetting && (
        <ConfirmBox
          title={t('users.confirmReset', { name: resetting.displayName })}
          confirm={t('users.confirmResetYes')}
          busy={action.busy}
          onConfirm={() => void resetPassword(resetting)}
          onCancel={() => setResetting(null)}
        >
          <p>{t('users.confirmResetText', { email: resetting.email })}</p>
        </ConfirmBox>
      )}
      <TableWrap label={t('users.title')}>
        <table>
          <caption className="sr-only">{t('users.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>{u.disabled ? t('users.disabled') : t('users.active')}</td>
                <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language) : t('users.never')}</td>
                <td>
                  {u.id !== me?.user.id && (
                    <button type="button" onClick={() => (u.disabled ? void toggle(u) : setDisabling(u))} aria-label={t(u.disabled ? 'users.enableLabel' : 'users.disableLabel', { name: u.displayName })}>
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                  )}{' '}
                  {u.id !== me?.user.id && !u.disabled && (
                    <button type="button" onClick={() => setResetting(u)} aria-label={t('users.resetPasswordLabel', { name: u.displayName })}>
                      {t('users.resetPassword')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t('users.create')}</h2>
      <Form onSubmit={create} error={action.error} className="stack">
        <TextField id="u-name" name="displayName" label={t('users.name')} value={form.displayName} onChange={set('displayName')} required />
        <TextField id="u-email" name="email" label={t('users.email')} type="email" value={form.email} onChange={set('email')} required />
        <SelectField id="u-role" name="role" label={t('users.role')} value={form.role} onChange={set('role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="u-password" name="password" label={t('users.password')} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} required />
        <button type="submit" className="primary">
          {t('users.create')}
        </button>
      </Form>
    </>
  );
}
