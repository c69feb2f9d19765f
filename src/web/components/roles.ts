import type { Role, User } from '../api/types';

export const hasRole = (user: User, ...roles: Role[]): boolean => user.roles.some((r) => roles.includes(r.role));

/** Who registers documents and assigns tasks: the tracking office (and administrators). */
export const canRegisterDocuments = (user: User): boolean => hasRole(user, 'officer', 'admin');

export const isAdmin = (user: User): boolean => hasRole(user, 'admin');

/** Who may browse the register of documents (the server refuses others). */
export const canBrowseDocuments = (user: User): boolean => hasRole(user, 'officer', 'admin', 'leader', 'inspector');

/** The audit screen (routes/audit): reading the log, and running its verification. */
export const canReadAudit = (user: User): boolean => hasRole(user, 'admin', 'auditor', 'inspector', 'officer');
export const canVerifyAudit = (user: User): boolean => hasRole(user, 'admin', 'auditor', 'inspector');
