import { useCallback, useState } from 'react';
import type { TaskFilters } from '../../api/types';
import { parseTaskFilters } from '../../routes/taskSearch';

export interface SavedFilter {
  name: string;
  filters: TaskFilters;
}

const storageKey = (userId: number) => `nv.savedTaskFilters.${userId}`;

function read(userId: number): SavedFilter[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw
      .filter(
        (item): item is { name: string; filters: Record<string, unknown> } =>
          typeof item?.name === 'string' && typeof item?.filters === 'object',
      )
      .map((item) => ({ name: item.name, filters: parseTaskFilters(item.filters) }));
  } catch {
    return [];
  }
}

/** Named task-list filters, kept in this browser for this user. Saving a name again replaces it. */
export function useSavedFilters(userId: number) {
  const [saved, setSaved] = useState<SavedFilter[]>(() => read(userId));
  const write = useCallback(
    (next: SavedFilter[]) => {
      setSaved(next);
      try {
        localStorage.setItem(storageKey(userId), JSON.stringify(next));
      } catch {
        // Storage full or refused: the filters still work for this visit.
      }
    },
    [userId],
  );
  const save = (name: string, filters: TaskFilters) =>
    write(
      [...saved.filter((s) => s.name !== name), { name, filters }].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    );
  const remove = (name: string) => write(saved.filter((s) => s.name !== name));
  return { saved, save, remove };
}
