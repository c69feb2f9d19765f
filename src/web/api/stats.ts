import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Stats, StatsQuery } from './types';

export function useStats(query: StatsQuery) {
  return useQuery({
    queryKey: ['stats', query],
    queryFn: () => api.get<Stats>('/api/stats', query),
    placeholderData: keepPreviousData,
  });
}
