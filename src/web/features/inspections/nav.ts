import type { User } from '../../api/types';
import { getLanguage } from '../../i18n';
import { inspectionTexts } from './text';

/** The menu entry: everyone may open it; the server shows each role what it may see. */
export function inspectionNavItems(user: User): { to: string; label: string }[] {
  return user.roles.length > 0 ? [{ to: '/inspections', label: inspectionTexts[getLanguage()].nav }] : [];
}

export const canManageInspections = (user: User) =>
  user.roles.some((r) => r.role === 'inspector' || r.role === 'admin');
export const canReadInspections = (user: User) =>
  user.roles.some((r) => ['inspector', 'admin', 'officer', 'leader'].includes(r.role));
export const canModerateFeedback = (user: User) => user.roles.some((r) => r.role === 'officer' || r.role === 'admin');
