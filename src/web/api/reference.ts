import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  CalendarDay,
  CalendarDayKind,
  Field,
  LeaderSummary,
  RoleGrant,
  Unit,
  UnitKind,
  UserSummary,
} from './types';

const DAY = 24 * 60 * 60 * 1000;

/** The whole unit tree, ordered by path; it changes rarely. */
export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => api.get<Unit[]>('/api/units'), staleTime: 5 * 60 * 1000 });
}

export function useFields() {
  return useQuery({ queryKey: ['fields'], queryFn: () => api.get<Field[]>('/api/fields'), staleTime: DAY });
}

export function useUsers(filters: { unitId?: number; q?: string; includeInactive?: boolean } = {}, enabled = true) {
  return useQuery({
    queryKey: ['users', filters],
    queryFn: () => api.get<UserSummary[]>('/api/users', filters),
    enabled,
  });
}

/** The leaders who direct tasks, with their fields: named on tasks when entered. */
export function useLeaders() {
  return useQuery({
    queryKey: ['leaders'],
    queryFn: () => api.get<LeaderSummary[]>('/api/leaders'),
    staleTime: 5 * 60 * 1000,
  });
}

export function useCalendar(year: number) {
  return useQuery({ queryKey: ['calendar', year], queryFn: () => api.get<CalendarDay[]>('/api/calendar', { year }) });
}

export interface UnitChange {
  code?: string;
  name?: string;
  kind?: UnitKind;
  parentId?: number | null;
  active?: boolean;
  /** The version the admin saw (required by PATCH). */
  version?: number;
}

export interface UserChange {
  username?: string;
  fullName?: string;
  email?: string | null;
  unitId?: number;
  password?: string;
  active?: boolean;
  roles?: RoleGrant[];
  version?: number;
}

/** Admin writes on units, users and the calendar; each refreshes the list it changed. */
export function useAdminMutations() {
  const queryClient = useQueryClient();
  const refresh = (key: string) => () => queryClient.invalidateQueries({ queryKey: [key] });
  return {
    createUnit: useMutation({
      mutationFn: (body: UnitChange) => api.post<Unit>('/api/units', body),
      onSuccess: refresh('units'),
    }),
    updateUnit: useMutation({
      mutationFn: ({ id, ...body }: UnitChange & { id: number }) => api.patch<Unit>(`/api/units/${id}`, body),
      onSuccess: refresh('units'),
    }),
    mergeUnit: useMutation({
      mutationFn: ({ id, ...body }: { id: number; successorId: number; version?: number }) =>
        api.post(`/api/units/${id}/merge`, body),
      onSuccess: refresh('units'),
    }),
    createUser: useMutation({
      mutationFn: (body: UserChange) => api.post<UserSummary>('/api/users', body),
      onSuccess: refresh('users'),
    }),
    updateUser: useMutation({
      mutationFn: ({ id, ...body }: UserChange & { id: number }) => api.patch<UserSummary>(`/api/users/${id}`, body),
      onSuccess: refresh('users'),
    }),
    putCalendarDay: useMutation({
      mutationFn: ({ date, kind, name }: { date: string; kind: CalendarDayKind; name: string }) =>
        api.put(`/api/calendar/${date}`, { kind, name }),
      onSuccess: refresh('calendar'),
    }),
    deleteCalendarDay: useMutation({
      mutationFn: (date: string) => api.delete(`/api/calendar/${date}`),
      onSuccess: refresh('calendar'),
    }),
  };
}
