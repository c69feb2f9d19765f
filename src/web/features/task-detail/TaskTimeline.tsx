import { Link } from '@tanstack/react-router';
import { Timeline, Typography } from 'antd';
import type { TimelineEvent } from '../../api/types';
import { fileUrl } from '../../api/tasks';
import { formatDate, formatDateTime } from '../../format';
import { useI18n, type MessageKey, type Translate } from '../../i18n';

const EVENT_COLOURS: Record<string, string> = {
  assigned: 'blue',
  received: 'cyan',
  progress: 'blue',
  extension_requested: 'orange',
  extension_approved: 'green',
  extension_refused: 'red',
  completion_reported: 'purple',
  completion_confirmed: 'green',
  completion_returned: 'red',
  lead_reassigned: 'orange',
  lead_merged: 'orange',
  lead_reorganised: 'orange',
  assigner_reorganised: 'orange',
  assigner_merged: 'orange',
  handed_down: 'cyan',
  withdrawn: 'gray',
  cancelled: 'gray',
  urged: 'orange',
};

function eventTitle(kind: string, t: Translate): string {
  const key = `timeline.${kind}` as MessageKey;
  const text = t(key);
  return text === key ? kind : text;
}

/** The facts of an event worth showing: progress %, requested date, new deadline, result document. */
function eventDetails(event: TimelineEvent, t: Translate): string[] {
  const data = event.data ?? {};
  const details: string[] = [];
  if (typeof data.percent === 'number') details.push(`${t('task.progress')}: ${data.percent}%`);
  if (typeof data.newDeadline === 'string') details.push(`${t('form.newDeadline')}: ${formatDate(data.newDeadline)}`);
  if (typeof data.deadline === 'string') details.push(`${t('task.deadline')}: ${formatDate(data.deadline)}`);
  if (typeof data.resultDocument === 'string') details.push(`${t('form.resultDocument')}: ${data.resultDocument}`);
  return details;
}

function attachments(event: TimelineEvent): { id: number; name: string }[] {
  const files = event.data?.files;
  if (Array.isArray(files))
    return files
      .filter((f): f is { id: number; name: string } => typeof f?.id === 'number')
      .map((f) => ({ id: f.id, name: String(f.name ?? f.id) }));
  const ids = event.data?.fileIds;
  return Array.isArray(ids)
    ? ids.filter((id): id is number => typeof id === 'number').map((id) => ({ id, name: `📎 #${id}` }))
    : [];
}

export function TaskTimeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useI18n();
  if (!events.length) return <Typography.Text type="secondary">{t('timeline.empty')}</Typography.Text>;
  const newestFirst = [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <Timeline
      items={newestFirst.map((event) => {
        const note =
          typeof event.data?.note === 'string'
            ? event.data.note
            : typeof event.data?.text === 'string'
              ? event.data.text
              : null;
        return {
          key: event.id,
          color: EVENT_COLOURS[event.kind] ?? 'gray',
          content: (
            <div data-event-kind={event.kind}>
              <Typography.Text strong>{eventTitle(event.kind, t)}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(event.at)}
                {event.actor ? ` · ${event.actor.fullName}` : ''}
              </Typography.Text>
              {eventDetails(event, t).map((line) => (
                <div key={line}>{line}</div>
              ))}
              {note && (
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {note}
                </Typography.Paragraph>
              )}
              {event.reason && (
                <Typography.Paragraph
                  style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}
                >{`${t('form.reason')}: ${event.reason}`}</Typography.Paragraph>
              )}
              {typeof event.data?.subtaskId === 'number' && (
                <div>
                  {t('detail.subtasks')}:{' '}
                  <Link to="/tasks/$taskId" params={{ taskId: event.data.subtaskId }}>
                    #{event.data.subtaskId}
                  </Link>
                </div>
              )}
              {attachments(event).map((file) => (
                <div key={file.id}>
                  <a href={fileUrl(file.id)} aria-label={`${t('detail.attachments')} ${file.name}`}>
                    {file.name}
                  </a>
                </div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}
