import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BilingualText } from '../../api/types';

/** Shapes and hooks of /api/notifications, /api/reminders and /api/calendar-feeds. */
export interface AppNotification {
  id: number;
  kind: string;
  rule: string;
  taskId: number | null;
  onDate: string;
  title: BilingualText;
  body: BilingualText;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationPage {
  items: AppNotification[];
  unreadCount: number;
  nextCursor: string | null;
}

export interface ReminderRules {
  enabled: boolean;
  beforeWorkingDays: number[];
  onDueDay: boolean;
  overdueEveryDays: number;
  escalateOfficeAfterDays: number;
  escalateLeaderAfterDays: number;
  scanTime: string;
}

export interface ReminderStatus {
  mailConfigured: boolean;
  outbox: Partial<Record<'pending' | 'sending' | 'sent', number>>;
  runs: { date: string; startedAt: string; finishedAt: string | null; result: Record<string, number> | null }[];
}

export interface CalendarFeed {
  id: number;
  scope: 'user' | 'unit';
  unit: { id: number; name: string } | null;
  createdAt: string;
  url?: string;
}

const KEY = ['notifications'] as const;
const STREAM_DELAY_MS = 3000;

/** The unread count, kept live by the server's event stream (and a slow poll as a fallback). */
export function useUnreadCount() {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    // Opened a moment after the page settles: a stream open from the first instant would keep
    // the page from ever looking idle (to browsers' "network idle" and to test drivers alike).
    const timer = setTimeout(() => {
      source = new EventSource('/api/notifications/stream', { withCredentials: true });
      source.addEventListener('unread', (e) => {
        const { unreadCount } = JSON.parse((e as MessageEvent<string>).data) as { unreadCount: number };
        const previous = queryClient.getQueryData<{ unreadCount: number }>([...KEY, 'unread']);
        queryClient.setQueryData([...KEY, 'unread'], { unreadCount });
        if (previous && previous.unreadCount !== unreadCount)
          void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
      });
    }, STREAM_DELAY_MS);
    return () => {
      clearTimeout(timer);
      source?.close();
    };
  }, [queryClient]);
  return useQuery({
    queryKey: [...KEY, 'unread'],
    queryFn: () => api.get<{ unreadCount: number }>('/api/notifications/unread-count'),
    refetchInterval: 120_000,
  });
}

export function useNotifications(unreadOnly: boolean, limit = 20) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', unreadOnly, limit],
    queryFn: ({ pageParam }) =>
      api.get<NotificationPage>('/api/notifications', { unreadOnly, limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') =>
      id === 'all' ? api.post('/api/notifications/read-all') : api.post(`/api/notifications/${id}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** The caller's mail preference and language (of mails, and of the screens after login). */
export interface Preferences {
  digestMail: boolean;
  email: string | null;
  locale: 'vi' | 'en';
}

export function usePreferences() {
  return useQuery({
    queryKey: [...KEY, 'preferences'],
    queryFn: () => api.get<Preferences>('/api/notifications/preferences'),
  });
}

export function useSetPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { digestMail?: boolean; locale?: 'vi' | 'en' }) =>
      api.put<Preferences>('/api/notifications/preferences', body),
    onSuccess: (data) => queryClient.setQueryData([...KEY, 'preferences'], data),
  });
}

export function useReminderRules(enabled = true) {
  return useQuery({
    queryKey: ['reminders', 'rules'],
    queryFn: () => api.get<ReminderRules>('/api/reminders/rules'),
    enabled,
  });
}

export function useSaveReminderRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: ReminderRules) => api.put<ReminderRules>('/api/reminders/rules', rules),
    onSuccess: (data) => queryClient.setQueryData(['reminders', 'rules'], data),
  });
}

export function useReminderStatus(enabled = true) {
  return useQuery({
    queryKey: ['reminders', 'status'],
    queryFn: () => api.get<ReminderStatus>('/api/reminders/status'),
    enabled,
  });
}

export function useRunReminders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ran: boolean; scan?: { reminders: number; mails: number } }>('/api/reminders/run'),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['reminders', 'status'] });
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
}

export function useFeeds() {
  return useQuery({
    queryKey: ['calendar-feeds'],
    queryFn: () => api.get<{ items: CalendarFeed[] }>('/api/calendar-feeds'),
  });
}

export function useCreateFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { scope: 'user' | 'unit'; unitId?: number }) =>
      api.post<CalendarFeed>('/api/calendar-feeds', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['calendar-feeds'] }),
  });
}

export function useRevokeFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/calendar-feeds/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['calendar-feeds'] }),
  });
}
