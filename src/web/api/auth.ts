import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from './client';
import type { Session } from './types';
import type { LogoutAnswer, SignInProviders } from '../../shared/api/sso';
import type { Ok } from '../../shared/api/common';

/** The logged-in user, or null when nobody is. Loaded once; login and logout replace it. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: fetchSession,
  staleTime: Infinity,
  retry: false,
});

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export function useSession(): Session | null {
  return useQuery(sessionQuery).data ?? null;
}

/** The logged-in user; only for screens behind the login guard. */
export function useCurrentUser() {
  const session = useSession();
  if (!session) throw new Error('useCurrentUser without a session');
  return session.user;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { username: string; password: string }) =>
      api.post<Session>('/api/auth/login', credentials),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(sessionQuery.queryKey, session);
    },
  });
}

/** How one may sign in here (password, single sign-on): asked by the login screen. */
export const providersQuery = queryOptions({
  queryKey: ['sign-in-providers'],
  queryFn: () => api.get<SignInProviders>('/api/auth/providers'),
  staleTime: Infinity,
});

/** Ends the session; `logoutUrl` is the single sign-on provider's, to end its session too. */
export function useLogout(everywhere = false) {
  const queryClient = useQueryClient();
  return useMutation({
    // Everywhere: every session of the user ends, on every browser and device.
    mutationFn: () => api.post<LogoutAnswer>(everywhere ? '/api/auth/logout-everywhere' : '/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionQuery.queryKey, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<Ok>('/api/auth/password', body),
  });
}
