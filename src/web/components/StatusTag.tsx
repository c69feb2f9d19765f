import { Tag } from 'antd';
import type { StatusCategory, TaskState } from '../api/types';
import { useI18n } from '../i18n';

/** The four categories of the rules, each with the colour officials expect. */
export const STATUS_COLOURS: Record<StatusCategory, string> = {
  completed_on_time: 'green',
  completed_late: 'gold',
  in_progress_on_time: 'blue',
  in_progress_overdue: 'red',
};

/** Chart colours matching the tags (darker shades, for contrast on white). */
export const STATUS_CHART_COLOURS: Record<StatusCategory, string> = {
  completed_on_time: '#389e0d',
  completed_late: '#ad6800',
  in_progress_on_time: '#0958d9',
  in_progress_overdue: '#cf1322',
};

export function StatusTag({ status }: { status: StatusCategory | null | undefined }) {
  const { t } = useI18n();
  if (!status) return null;
  return (
    <Tag color={STATUS_COLOURS[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

const STATE_COLOURS: Record<TaskState, string | undefined> = {
  assigned: 'default',
  received: 'cyan',
  in_progress: 'blue',
  completion_reported: 'purple',
  completed: 'green',
  withdrawn: 'default',
  cancelled: 'default',
};

export function StateTag({ state }: { state: TaskState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLOURS[state]} variant="filled">
      {t(`state.${state}`)}
    </Tag>
  );
}
