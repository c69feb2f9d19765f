import { daysBetween } from '../../domain/dates.js';
import type { Message } from '../../errors.js';

/** What a notification is about, enough to word it. */
export interface NotificationFacts {
  kind: string;
  /** The day the notification was made: overdue days are counted to it. */
  onDate: string;
  data: Record<string, unknown>;
  taskId: number | null;
  taskContent: string | null;
  documentNumber: string | null;
  leadUnitName: string | null;
}

export interface Worded {
  title: Message;
  body: Message;
}

/** 'YYYY-MM-DD' → 'dd/MM/yyyy', as Vietnamese documents write dates. */
export const vnDate = (iso: string | null | undefined): string =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';

const shorten = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * The words of a notification, in Vietnamese and English: one place, used by the bell, the
 * e-mail templates and the digest.
 */
export function wordNotification(n: NotificationFacts): Worded {
  const task = shorten(n.taskContent ?? '');
  const deadline = String(n.data.deadline ?? '');
  const overdue = deadline && n.onDate ? Math.max(0, daysBetween(deadline, n.onDate)) : 0;
  const doc = n.documentNumber ? ` (${n.documentNumber})` : '';
  const rule = String(n.data.rule ?? n.kind);
  const before = /^before_(\d+)$/.exec(rule);
  if (before) {
    return worded(
      `Còn ${before[1]} ngày làm việc đến hạn (${vnDate(deadline)}): ${task}`,
      `${before[1]} working days to the deadline (${vnDate(deadline)}): ${task}`,
      n,
      doc,
    );
  }
  switch (rule) {
    case 'due':
      return worded(`Hôm nay đến hạn: ${task}`, `Due today: ${task}`, n, doc);
    case 'overdue':
      return worded(
        `Quá hạn ${overdue} ngày (hạn ${vnDate(deadline)}): ${task}`,
        `${overdue} days overdue (due ${vnDate(deadline)}): ${task}`,
        n,
        doc,
      );
    case 'escalate_office':
      return worded(
        `Báo cáo Văn phòng: nhiệm vụ quá hạn ${overdue} ngày: ${task}`,
        `For the office: task ${overdue} days overdue: ${task}`,
        n,
        doc,
      );
    case 'escalate_leader':
      return worded(
        `Báo cáo lãnh đạo: nhiệm vụ quá hạn ${overdue} ngày: ${task}`,
        `For the leader: task ${overdue} days overdue: ${task}`,
        n,
        doc,
      );
    case 'urging_letter':
      return worded(
        `Văn bản đôn đốc số ${String(n.data.numberSymbol ?? '')}: ${String(n.data.taskCount ?? '')} nhiệm vụ quá hạn`,
        `Urging letter ${String(n.data.numberSymbol ?? '')}: ${String(n.data.taskCount ?? '')} overdue tasks`,
        n,
        '',
      );
    case 'explanation_requested':
    case 'explanation_due':
    case 'explanation_overdue': {
      const count = Number(n.data.taskCount ?? 1);
      const due = vnDate(String(n.data.dueOn ?? ''));
      const what = count === 1 && task ? { vi: task, en: task } : { vi: `${count} nhiệm vụ`, en: `${count} tasks` };
      const head = {
        explanation_requested: { vi: `Yêu cầu giải trình (hạn ${due})`, en: `Explanation requested (due ${due})` },
        explanation_due: { vi: `Hôm nay đến hạn giải trình`, en: `Explanation due today` },
        explanation_overdue: { vi: `Quá hạn giải trình (hạn ${due})`, en: `Explanation overdue (due ${due})` },
      }[rule];
      return worded(`${head.vi}: ${what.vi}`, `${head.en}: ${what.en}`, n, count === 1 ? doc : '');
    }
    default:
      return worded(task || rule, task || rule, n, doc);
  }
}

function worded(vi: string, en: string, n: NotificationFacts, doc: string): Worded {
  const unit = n.leadUnitName ? ` Đơn vị chủ trì: ${n.leadUnitName}.` : '';
  const unitEn = n.leadUnitName ? ` Lead unit: ${n.leadUnitName}.` : '';
  const vBody = n.taskId ? `Nhiệm vụ #${n.taskId}${doc}: ${n.taskContent ?? ''}.${unit}` : vi;
  const eBody = n.taskId ? `Task #${n.taskId}${doc}: ${n.taskContent ?? ''}.${unitEn}` : en;
  return { title: { vi, en }, body: { vi: vBody, en: eBody } };
}
