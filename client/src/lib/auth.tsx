import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Me } from '../../../shared/schemas/auth';
import { api, ApiError, setCsrfToken } from './api';

interface AuthState {
  me: Me | null;
  loading: boolean;
  /** Why the user sees the login page, if not simply the first visit. */
  notice: 'expired' | 'loggedOut' | null;
  /** The server could not be reached when the page loaded (not: the session is gone). */
  offline: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  sessionEnded(reason: 'expired' | 'loggedOut'): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<AuthState['notice']>(null);
  const [offline, setOffline] = useState(false);

  const accept = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? '');
    setMe(m);
  }, []);

  useEffect(() => {
    api<Me>('GET', '/api/v1/auth/me')
      .then(accept)
      .catch((e) => {
        if (e instanceof ApiError && e.message.includes('expired')) setNotice('expired');
        if (e instanceof ApiError && (e.code === 'NETWORK' || e.status >= 502)) setOffline(true);
        accept(null);
      })
      .finally(() => setLoading(false));
  }, [accept]);

  const value: AuthState = {
    me,
    loading,
    notice,
    offline,
    login: async (email, password) => {
      accept(await api<Me>('POST', '/api/v1/auth/login', { email, password }));
      setNotice(null);
      setOffline(false);
    },
    logout: async () => {
      await api('POST', '/api/v1/auth/logout').catch(() => {});
      // what the emergency page kept for offline use belongs to this user's office
      localStorage.removeItem('hpb.emergency.offline');
      accept(null);
      setNotice('loggedOut');
    },
    sessionEnded: (reason) => {
      accept(null);
      setNotice(reason);
    },
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
