import type { User } from '../../api/types';
import { explanationNavLabel } from './text';

/** Who asks: the tracking office, leaders and heads of assigning units (the server checks each task). */
export const canAskExplanations = (user: User) =>
  user.roles.some((r) => r.role === 'officer' || r.role === 'leader' || r.role === 'unit_head');

/** Askers and the units that answer (clerks, heads) see the requests. */
export function explanationNavItems(user: User): { to: string; label: string }[] {
  return user.roles.some((r) => ['officer', 'leader', 'unit_head', 'clerk', 'inspector', 'admin'].includes(r.role))
    ? [{ to: '/explanations', label: explanationNavLabel() }]
    : [];
}
