import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES_BY_ORG_KIND, type Role } from '../../../../shared/schemas/common';
import type { User } from '../../../../shared/schemas/users';
import { useAuth } from '../../lib/auth';
import { api, ApiError } from '../../lib/api';
import { Field } from '../../components/Field';
import { TableWrap } from '../../components/TableWrap';

export default function UsersPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [users, setUsers] = useState<User[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const roles = me ? ROLES_BY_ORG_KIND[me.organisation.kind] : [];
  const [form, setForm] = useState({ displayName: '', email: '', role: (roles[0] ?? 'caseworker') as Role, password: '' });

  const load = useCallback(() => {
    api<{ items: User[] }>('GET', '/api/v1/users').then((r) => setUsers(r.items), (e) => setError(e));
  }, []);
  useEffect(load, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const u = await api<User>('POST', '/api/v1/users', form);
      setStatus(t('users.created', { name: u.displayName }));
      setForm({ ...form, displayName: '', email: '', password: '' });
      load();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  async function toggle(u: User) {
    setError(null);
    try {
      await api<User>('PATCH', `/api/v1/users/${u.id}`, { disabled: !u.disabled });
      setStatus(t('users.changed', { name: u.displayName }));
      load();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  const fieldError = (name: string) => error?.fieldMessage(`body.${name}`);
  return (
    <>
      <h1>{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      <p role="status" className="status">
        {status}
      </p>
      {error && !error.issues.length && (
        <p role="alert" className="error">
          {error.code === 'NETWORK' ? t('errors.network') : t('errors.generic', { message: error.message })}
        </p>
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
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>{u.disabled ? t('users.disabled') : t('users.active')}</td>
                <td>{u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString() : t('users.never')}</td>
                <td>
                  {u.id !== me?.user.id && (
                    <button type="button" onClick={() => void toggle(u)} aria-label={t(u.disabled ? 'users.enableLabel' : 'users.disableLabel', { name: u.displayName })}>
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t('users.create')}</h2>
      <form onSubmit={create} className="stack" noValidate>
        <Field id="u-name" label={t('users.name')} error={fieldError('displayName')} value={form.displayName} onChange={(v) => setForm({ ...form, displayName: v })} required />
        <Field id="u-email" label={t('users.email')} type="email" error={fieldError('email')} value={form.email} onChange={(v) => setForm({ ...form, email: v })} required />
        <div className="field">
          <label htmlFor="u-role">{t('users.role')}</label>
          <select id="u-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <Field id="u-password" label={t('users.password')} type="password" autoComplete="new-password" error={fieldError('password')} value={form.password} onChange={(v) => setForm({ ...form, password: v })} required />
        <button type="submit" className="primary">
          {t('users.create')}
        </button>
      </form>
    </>
  );
}
