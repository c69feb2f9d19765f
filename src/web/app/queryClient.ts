import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { sessionQuery } from '../api/auth';

/**
 * One query client for the app. A 401 on any call means the session ended (expired, or logged
 * out elsewhere): forget the user, and the router's guard sends them to the login page.
 */
export function createQueryClient(onSessionEnded: () => void): QueryClient {
  const handle = (error: unknown) => {
    if (isApiError(error, 401)) onSessionEnded();
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: handle }),
    mutationCache: new MutationCache({ onError: handle }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
      },
    },
  });
  return client;
}

export function forgetSession(client: QueryClient): void {
  if (client.getQueryData(sessionQuery.queryKey)) client.setQueryData(sessionQuery.queryKey, null);
}
