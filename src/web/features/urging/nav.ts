import type { User } from '../../api/types';
import { getLanguage } from '../../i18n';
import { monitoringTexts } from '../notifications/text';

/** Who urges: the tracking office, leaders and heads of assigning units (the server checks each task). */
export const canUrge = (user: User) =>
  user.roles.some((r) => r.role === 'officer' || r.role === 'leader' || r.role === 'unit_head');

export function urgingNavItems(user: User): { to: string; label: string }[] {
  return canUrge(user) ? [{ to: '/urging', label: monitoringTexts[getLanguage()]['nav.urging'] }] : [];
}
