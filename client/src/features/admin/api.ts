import type { Organisation } from '../../../../shared/schemas/organisations';
import type { CreateUserBody, UpdateUserBody, User } from '../../../../shared/schemas/users';
import { api } from '../../lib/api';
import { useApiData } from '../../lib/use-api';

export type { Organisation, User };

export const adminApi = {
  users: () => api<{ items: User[] }>('GET', '/api/v1/users').then((r) => r.items),
  createUser: (body: Omit<CreateUserBody, 'locale'>) => api<User>('POST', '/api/v1/users', body),
  updateUser: (id: string, body: UpdateUserBody) => api<User>('PATCH', `/api/v1/users/${id}`, body),
  resetPassword: (id: string) => api<{ ok: true }>('POST', `/api/v1/users/${id}/password-reset`),
  organisations: () => api<{ items: Organisation[] }>('GET', '/api/v1/organisations').then((r) => r.items),
  verify: (id: string, verified: boolean, checklist?: Record<string, unknown>) => api<Organisation>('POST', `/api/v1/organisations/${id}/verification`, { verified, ...(checklist ? { checklist } : {}) }),
};

export const useUsers = () => useApiData(adminApi.users, []);
export const useOrganisations = () => useApiData(adminApi.organisations, []);
