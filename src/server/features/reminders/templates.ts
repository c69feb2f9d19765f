import { vnDate, wordNotification, type NotificationFacts } from '../notifications/service.js';

/**
 * The e-mails, in the recipient's language (Vietnamese unless they chose English): plain text
 * and a simple HTML twin, each with the link to the task.
 */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface Recipient {
  fullName: string;
  locale: 'vi' | 'en';
}

export interface ReminderMail {
  recipient: Recipient;
  facts: NotificationFacts;
  deadline: string | null;
  publicUrl: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const L = {
  vi: {
    greeting: (name: string) => `Kính gửi ${name},`,
    reminder: '[Nhắc việc]',
    digest: (date: string, n: number) => `[Tổng hợp nhắc việc] Ngày ${date}: ${n} thông báo`,
    open: 'Xem nhiệm vụ',
    deadline: 'Thời hạn',
    document: 'Văn bản giao',
    lead: 'Đơn vị chủ trì',
    footer: (url: string) =>
      `Thư này do hệ thống Nhiệm vụ gửi tự động. Đổi cách nhận thư (từng thư hoặc tổng hợp hằng ngày) tại ${url}/notifications.`,
    digestIntro: (date: string) => `Các nhắc việc ngày ${date}:`,
    atRisk: 'Nhiệm vụ có nguy cơ chậm hạn:',
  },
  en: {
    greeting: (name: string) => `Dear ${name},`,
    reminder: '[Reminder]',
    digest: (date: string, n: number) => `[Daily digest] ${date}: ${n} notifications`,
    open: 'Open the task',
    deadline: 'Deadline',
    document: 'Source document',
    lead: 'Lead unit',
    footer: (url: string) =>
      `Sent automatically by Nhiệm vụ. Choose single mails or a daily digest at ${url}/notifications.`,
    digestIntro: (date: string) => `Reminders of ${date}:`,
    atRisk: 'Tasks at risk of running late:',
  },
};

export function reminderMail(m: ReminderMail): MailContent {
  const lang = m.recipient.locale === 'en' ? 'en' : 'vi';
  const t = L[lang];
  const words = wordNotification(m.facts);
  const link = m.facts.taskId ? `${m.publicUrl}/tasks/${m.facts.taskId}` : `${m.publicUrl}/notifications`;
  const details: [string, string][] = [
    [t.deadline, vnDate(m.deadline)],
    [t.document, m.facts.documentNumber ?? '—'],
    [t.lead, m.facts.leadUnitName ?? '—'],
  ];
  const text = [
    t.greeting(m.recipient.fullName),
    '',
    words.title[lang],
    '',
    words.body[lang],
    ...details.map(([k, v]) => `${k}: ${v}`),
    '',
    `${t.open}: ${link}`,
    '',
    '--',
    t.footer(m.publicUrl),
  ].join('\n');
  const html = `<p>${escapeHtml(t.greeting(m.recipient.fullName))}</p>
<p><strong>${escapeHtml(words.title[lang])}</strong></p>
<p>${escapeHtml(words.body[lang])}</p>
<table>${details.map(([k, v]) => `<tr><td>${escapeHtml(k)}:</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p><a href="${escapeHtml(link)}">${escapeHtml(t.open)}</a></p>
<hr><p style="color:#666;font-size:12px">${escapeHtml(t.footer(m.publicUrl))}</p>`;
  return { subject: `${t.reminder} ${words.title[lang]}`, text, html };
}

export interface DigestMail {
  recipient: Recipient;
  date: string;
  items: NotificationFacts[];
  atRisk: { taskId: number; content: string; deadline: string; reason: { vi: string; en: string } }[];
  publicUrl: string;
}

export function digestMail(m: DigestMail): MailContent {
  const lang = m.recipient.locale === 'en' ? 'en' : 'vi';
  const t = L[lang];
  const date = vnDate(m.date);
  const lines = m.items.map((f) => ({
    title: wordNotification(f).title[lang],
    link: f.taskId ? `${m.publicUrl}/tasks/${f.taskId}` : `${m.publicUrl}/notifications`,
  }));
  const risks = m.atRisk.map((r) => ({
    title: `#${r.taskId} ${r.content} (${vnDate(r.deadline)}): ${r.reason[lang]}`,
    link: `${m.publicUrl}/tasks/${r.taskId}`,
  }));
  const textList = (xs: { title: string; link: string }[]) => xs.map((x, i) => `${i + 1}. ${x.title}\n   ${x.link}`);
  const text = [
    t.greeting(m.recipient.fullName),
    '',
    t.digestIntro(date),
    ...textList(lines),
    ...(risks.length ? ['', t.atRisk, ...textList(risks)] : []),
    '',
    '--',
    t.footer(m.publicUrl),
  ].join('\n');
  const htmlList = (xs: { title: string; link: string }[]) =>
    `<ol>${xs.map((x) => `<li><a href="${escapeHtml(x.link)}">${escapeHtml(x.title)}</a></li>`).join('')}</ol>`;
  const html = `<p>${escapeHtml(t.greeting(m.recipient.fullName))}</p><p>${escapeHtml(t.digestIntro(date))}</p>${htmlList(lines)}${risks.length ? `<p><strong>${escapeHtml(t.atRisk)}</strong></p>${htmlList(risks)}` : ''}<hr><p style="color:#666;font-size:12px">${escapeHtml(t.footer(m.publicUrl))}</p>`;
  return { subject: t.digest(date, m.items.length), text, html };
}
