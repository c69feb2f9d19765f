import type { TaskAction, TaskDetail } from '../../api/types';
import type { MessageKey } from '../../i18n';

/** The inputs an action's form may ask for. */
export type ActionInput =
  | 'note'
  | 'percent'
  | 'files'
  | 'newDeadline'
  | 'reason'
  | 'reasonOptional'
  | 'noteOptional'
  | 'resultDocument'
  | 'text'
  | 'leadUnitId'
  | 'handDown';

/**
 * A button the user sees; `decide_extension` becomes two (approve, refuse). Deadline recomputation,
 * undo and delay causes have their own controls on the task screen.
 */
export type ActionButtonKey =
  | Exclude<TaskAction, 'decide_extension' | 'recompute_deadline' | 'undo_decision' | 'set_delay_causes'>
  | 'approve_extension'
  | 'refuse_extension';

export interface ActionSpec {
  key: ActionButtonKey;
  label: MessageKey;
  /** Path under /api/tasks/:id/. */
  path(task: TaskDetail): string;
  inputs: ActionInput[];
  /** A question shown above the form for actions without inputs. */
  question?: MessageKey;
  danger?: boolean;
  primary?: boolean;
}

const pendingExtensionId = (task: TaskDetail): number | undefined =>
  task.extensionRequests?.find((r) => r.status === 'pending')?.id;

export const ACTION_SPECS: Record<ActionButtonKey, ActionSpec> = {
  receive: {
    key: 'receive',
    label: 'action.receive',
    path: () => 'receive',
    inputs: [],
    question: 'action.receive.confirm',
    primary: true,
  },
  progress: {
    key: 'progress',
    label: 'action.progress',
    path: () => 'progress',
    inputs: ['note', 'percent', 'files'],
    primary: true,
  },
  request_extension: {
    key: 'request_extension',
    label: 'action.request_extension',
    path: () => 'extension-requests',
    inputs: ['newDeadline', 'reason'],
  },
  approve_extension: {
    key: 'approve_extension',
    label: 'action.approve_extension',
    path: (task) => `extension-requests/${pendingExtensionId(task)}/approve`,
    inputs: ['reasonOptional'],
    primary: true,
  },
  refuse_extension: {
    key: 'refuse_extension',
    label: 'action.refuse_extension',
    path: (task) => `extension-requests/${pendingExtensionId(task)}/refuse`,
    inputs: ['reason'],
    danger: true,
  },
  report_completion: {
    key: 'report_completion',
    label: 'action.report_completion',
    path: () => 'completion',
    inputs: ['note', 'resultDocument', 'files'],
    primary: true,
  },
  confirm: {
    key: 'confirm',
    label: 'action.confirm',
    path: () => 'confirm',
    inputs: [],
    question: 'action.confirm.confirm',
    primary: true,
  },
  return: { key: 'return', label: 'action.return', path: () => 'return', inputs: ['reason'], danger: true },
  reassign: { key: 'reassign', label: 'action.reassign', path: () => 'reassign', inputs: ['leadUnitId', 'reason'] },
  withdraw: { key: 'withdraw', label: 'action.withdraw', path: () => 'withdraw', inputs: ['reason'], danger: true },
  cancel: { key: 'cancel', label: 'action.cancel', path: () => 'cancel', inputs: ['reason'], danger: true },
  comment: { key: 'comment', label: 'action.comment', path: () => 'comments', inputs: ['text'] },
  hand_down: { key: 'hand_down', label: 'action.hand_down', path: () => 'subtasks', inputs: ['handDown'] },
  urge: { key: 'urge', label: 'action.urge', path: () => 'urge', inputs: ['noteOptional'] },
};

/** The buttons for the actions the server allows now, most likely first. */
export function buttonsFor(task: TaskDetail): ActionSpec[] {
  const allowed = new Set(task.allowedActions ?? []);
  const order: ActionButtonKey[] = [
    'receive',
    'confirm',
    'approve_extension',
    'progress',
    'report_completion',
    'request_extension',
    'refuse_extension',
    'return',
    'hand_down',
    'urge',
    'comment',
    'reassign',
    'withdraw',
    'cancel',
  ];
  return order
    .filter((key) => {
      if (key === 'approve_extension' || key === 'refuse_extension')
        return allowed.has('decide_extension') && pendingExtensionId(task) !== undefined;
      return allowed.has(key);
    })
    .map((key) => ACTION_SPECS[key]);
}
