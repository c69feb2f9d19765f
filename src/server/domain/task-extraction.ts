/**
 * Reading the tasks a directive gives from its text, by rules of Vietnamese administrative
 * phrasing: numbered items and the sentences under them, "giao X chủ trì, phối hợp với Y",
 * "X chủ trì …", "đề nghị / yêu cầu X …", "X: …", the deadline phrases ("trước ngày 30/6/2026",
 * "trong quý III", "hoàn thành trong tháng 7", "trong 10 ngày làm việc", "hằng tháng",
 * "thường xuyên"), the expected product, and a plan's table row by row. Preambles, purposes
 * and closing boilerplate give no task. Proposals only: the officer decides.
 */
import { buildAliases, findUnits, foldText, type NamedUnit, type UnitMention } from './unit-names.js';
import { readDeadline, type ProposedDeadline } from './deadline-phrases.js';

export interface ProposedTask {
  content: string;
  leadUnitId: number | null;
  coordinatingUnitIds: number[];
  deadline: ProposedDeadline;
  /** Whether a deadline phrase was found (else the proposal says none). */
  deadlineFound: boolean;
  expectedProduct: string | null;
  paragraph: string | null;
  /** The sentence(s) of the text the proposal comes from. */
  source: string;
}

const NOT_TASKS =
  /^(can cu|xet de nghi|ngay \d{1,2}\/\d{1,2}\/\d{4},|tham du|sau khi nghe|de (?!nghi)|nham |muc dich|yeu cau chung|noi nhan|tren day|so:|v\/v|ve viec|kinh gui|dieu \d+\. (quyet dinh|chi thi|ke hoach) (nay )?co hieu luc|(quyet dinh|chi thi|ke hoach|van ban) (nay )?co hieu luc|thuc hien (chi thi|ke hoach|van ban|y kien)|ubnd thanh pho (chi thi|yeu cau)|chu tich uy ban nhan dan thanh pho (chi thi|yeu cau)|quan diem|tm\.|kt\.|tl\.)/;
const ASSIGN =
  /\b(giao(?! thong| dich| duc| luu| tiep| nhan| ket| ban| khoan| dat| hang| van| hoi| lien)|chu tri|de nghi|yeu cau|co trach nhiem|chiu trach nhiem|khan truong|chu dong|to chuc thuc hien|phan cong)\b/;

/** A unit named as whom a report or a draft goes to ("báo cáo UBND Thành phố", "trình …") is not a lead. */
const RECIPIENT =
  /(bao cao|trinh|gui|de xuat|xin y kien|tham muu|xem xet|quyet dinh)( ket qua| tinh hinh| tien do)?( thuc hien)?( ve)?( cho| len)?\s*$/;

interface Clause {
  text: string;
  paragraph: string | null;
  /** The unit heading the item this sentence is under ("1. Sở Y tế:"), which leads it. */
  owner?: string;
}

/** Proposes the tasks of a directive text issued on `issuedOn`, with the units it may name. */
export function extractTasks(text: string, issuedOn: string, units: readonly NamedUnit[]): ProposedTask[] {
  const aliases = buildAliases(units);
  const lines = text
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const table = readTable(lines, issuedOn, aliases);
  const body = lines.filter((_, i) => !table.lineIndexes.has(i));
  const tasks = [...table.tasks];
  for (const item of itemsOf(body)) {
    for (const clause of sentencesOf(item.text))
      tasks.push(...tasksOfClause({ ...item, text: clause.text }, issuedOn, aliases));
  }
  return mergeContinuations(tasks);
}

/**
 * Numbered items (1., 1.1., a), -, +, •) with the lines under them; headings (I., II.) stand
 * alone. An item "Sở X:" owns the sub-items under it: they are its tasks.
 */
function itemsOf(lines: string[]): Clause[] {
  const items: (Clause & { numbered: boolean })[] = [];
  let section = '';
  let owner: string | null = null;
  for (const line of lines) {
    const roman = /^([IVX]{1,5})[.)]\s+(.*)$/.exec(line);
    if (roman) {
      section = roman[1]!;
      owner = null;
      if (roman[2] && !/[:]$/.test(roman[2]) && ASSIGN.test(foldText(roman[2])))
        items.push({ text: roman[2], paragraph: section, numbered: false });
      continue;
    }
    const numbered = /^((?:\d+\.)*\d+[.)]?|[a-zđ][.)]|[-–•+*])\s+(.*)$/u.exec(line);
    const last = items.at(-1);
    if (numbered) {
      const mark = numbered[1]!.replace(/[.)]$/, '');
      const sub = !/^\d/.test(mark);
      if (!sub) owner = null;
      const paragraph = /^[-–•+*]$/.test(mark)
        ? (last?.paragraph ?? (section || null))
        : sub && last?.paragraph && owner
          ? `${last.paragraph.replace(/\.[a-zđ]$/u, '')}.${mark}`
          : [section, mark].filter(Boolean).join('.');
      const text = numbered[2]!;
      if (/:\s*$/.test(text) && text.length < 120) owner = text.replace(/:\s*$/, '');
      items.push({ text, paragraph, numbered: true, ...(sub && owner && !/:\s*$/.test(text) ? { owner } : {}) });
    } else if (
      last?.numbered &&
      last.text.split(/\s+/).length > 6 &&
      !/[:.]$/.test(last.text) &&
      !NOT_TASKS.test(foldText(line).trim())
    ) {
      last.text += ` ${line}`;
    } else if (!NOT_TASKS.test(foldText(line).trim()))
      items.push({ text: line, paragraph: section || null, numbered: false });
  }
  return items;
}

function sentencesOf(text: string): { text: string }[] {
  return text
    .split(/(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯ])/u)
    .map((s) => ({ text: s.trim() }))
    .filter((s) => s.text.length > 0);
}

/** The tasks of one sentence: one per lead unit (several leads, or a collective, give several). */
function tasksOfClause(clause: Clause, issuedOn: string, aliases: ReturnType<typeof buildAliases>): ProposedTask[] {
  const folded = foldText(clause.text);
  const head = folded.trim();
  if (NOT_TASKS.test(head) || BOILERPLATE.test(head) || /:\s*$/.test(head) || isCapitals(clause.text)) return [];
  const mentions = findUnits(folded, aliases).filter(
    (m) => !RECIPIENT.test(folded.slice(Math.max(0, m.start - 40), m.start)),
  );
  const roles = rolesOf(folded, mentions);
  const ownerLeads = clause.owner ? ownerUnits(clause.owner, aliases) : [];
  // Under "Sở X:", a sentence that does not start by naming another unit is Sở X's task.
  const startsWithUnit = mentions[0] !== undefined && mentions[0].start <= 2;
  const leads = ownerLeads.length && !startsWithUnit ? ownerLeads : roles.leads;
  const coordinating = roles.coordinating.filter((u) => !leads.includes(u));
  const { deadline, found } = readDeadline(folded, issuedOn);
  const assigns =
    ASSIGN.test(folded) ||
    /^[^,;]{3,80}:/.test(clause.text) ||
    ownerLeads.length > 0 ||
    (mentions[0]?.start ?? 99) <= 2;
  if (!assigns && !(leads.length && found)) {
    return [continuation(clause, deadline, found)];
  }
  if (leads.length === 0) return [];
  const content = contentOf(clause.text);
  return leads.map((leadUnitId) => ({
    content,
    leadUnitId,
    coordinatingUnitIds: coordinating.filter((u) => u !== leadUnitId),
    deadline,
    deadlineFound: found,
    expectedProduct: productOf(clause.text),
    paragraph: clause.paragraph,
    source: clause.text,
  }));
}

/** Closing formulas: "… thông báo để các đơn vị biết, thực hiện", "nghiêm túc thực hiện Chỉ thị này". */
const BOILERPLATE =
  /(thong bao (de|cho) .{0,60}biet|de cac (don vi|co quan).{0,40}biet|nghiem tuc (trien khai )?thuc hien( chi thi| ke hoach| van ban| quyet dinh)?( nay)?\s*[./]*$|khan truong trien khai\s*[./]*$|co hieu luc (thi hanh )?ke tu)/;

/** Title lines and letterheads are written in capitals. */
function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length > 3 && letters === letters.toUpperCase();
}

function ownerUnits(owner: string, aliases: ReturnType<typeof buildAliases>): number[] {
  return [...new Set(findUnits(foldText(owner), aliases).flatMap((m) => m.unitIds))];
}

/** A sentence with no unit of its own, kept to extend the task before it (its deadline, its product). */
function continuation(clause: Clause, deadline: ProposedDeadline, found: boolean): ProposedTask {
  return {
    content: '',
    leadUnitId: null,
    coordinatingUnitIds: [],
    deadline,
    deadlineFound: found,
    expectedProduct: productOf(clause.text),
    paragraph: clause.paragraph,
    source: clause.text,
  };
}

function mergeContinuations(tasks: ProposedTask[]): ProposedTask[] {
  const out: ProposedTask[] = [];
  for (const t of tasks) {
    if (t.content !== '') {
      out.push(t);
      continue;
    }
    const last = out.at(-1);
    if (!last || last.paragraph !== t.paragraph) continue;
    // A task runs over several sentences: the following one may give its deadline or product.
    for (const same of out.filter((o) => o.source === last.source)) {
      same.source = `${same.source} ${t.source}`;
      if (!same.deadlineFound && t.deadlineFound) Object.assign(same, { deadline: t.deadline, deadlineFound: true });
      same.expectedProduct ??= t.expectedProduct;
    }
  }
  return out;
}

/** Who leads and who coordinates in a sentence. */
/** Who leads and who coordinates (the group after "phối hợp với", which may include a lead). */
function rolesOf(folded: string, mentions: UnitMention[]): { leads: number[]; coordinating: number[] } {
  if (mentions.length === 0) return { leads: [], coordinating: [] };
  const cut = /\b(phoi hop( chat che)?( voi)?|cung voi)\b/.exec(folded);
  const coordFrom = cut ? cut.index : Infinity;
  const before = mentions.filter((m) => m.start < coordFrom);
  const after = mentions.filter((m) => m.start >= coordFrom);
  const lead = /\bchu tri\b/.exec(folded);
  const giao =
    /\b(giao(?! thong| dich| duc| luu| tiep| nhan| ket| ban| khoan| dat| hang| van| hoi| lien)|de nghi|yeu cau)( cho)?\b/.exec(
      folded,
    );
  let leaders: UnitMention[];
  if (giao && lead && giao.index < lead.index) {
    leaders = before.filter((m) => m.start > giao.index && m.start < lead.index);
  } else if (lead) {
    // "X, Y chủ trì" or "… do X chủ trì": the mentions right before, or right after ("chủ trì: X").
    const prior = before.filter((m) => m.end <= lead.index);
    leaders = prior.length ? lastGroup(folded, prior) : mentions.filter((m) => m.start > lead.index).slice(0, 1);
  } else if (giao) {
    leaders = before.filter((m) => m.start > giao.index).slice(0, 1);
    if (leaders.length)
      leaders = lastGroup(
        folded,
        before.filter(
          (m) =>
            m.start > giao.index && m.start < (before.find((b) => b.start > leaders[0]!.end + 40)?.start ?? Infinity),
        ),
        true,
      );
  } else {
    leaders = before.slice(0, 1);
    if (leaders.length) leaders = lastGroup(folded, before, true);
  }
  if (leaders.length === 0 && before.length) leaders = before.slice(0, 1);
  const leads = [...new Set(leaders.flatMap((m) => m.unitIds))];
  // The coordinating units are the group right after "phối hợp với"; units named later are objects.
  const group =
    after.length && cut && after[0]!.start - (cut.index + cut[0].length) <= 3 ? lastGroup(folded, after, true) : [];
  const coordinating = [...new Set(group.flatMap((m) => m.unitIds))];
  return { leads, coordinating };
}

/** Mentions joined by commas or "và" form one group: "Sở Xây dựng, Sở Giao thông vận tải chủ trì". */
function lastGroup(folded: string, mentions: UnitMention[], first = false): UnitMention[] {
  const ordered = first ? mentions : [...mentions].reverse();
  const group = [ordered[0]!];
  for (const m of ordered.slice(1)) {
    const prev = group.at(-1)!;
    const gap = first ? folded.slice(prev.end, m.start) : folded.slice(m.end, prev.start);
    if (/^\s*(,|va|;)\s*$/.test(gap)) group.push(m);
    else break;
  }
  return group.sort((x, y) => x.start - y.start);
}

function contentOf(sentence: string): string {
  return sentence
    .replace(/^(giao|đề nghị|yêu cầu)\s+/i, '')
    .replace(/[;.,]\s*$/, '')
    .trim()
    .replace(/^./, (c) => c.toUpperCase());
}

const PRODUCT =
  /(dự thảo [^,.;()]{3,80}|báo cáo (?:kết quả|tình hình|tiến độ|đánh giá|tổng kết|sơ kết)?[^,.;()]{0,60}|tờ trình [^,.;()]{0,60}|đề án [^,.;()]{0,60}|kế hoạch [^,.;()]{0,60}|quyết định [^,.;()]{0,60})/iu;

/** The expected product: a draft, a report, a submission, a plan … named in the sentence. */
export function productOf(sentence: string): string | null {
  const m = PRODUCT.exec(sentence);
  if (!m) return null;
  const stops = `UBND|Ủy ban|Chủ tịch|trong|trước|hằng|hàng|chậm nhất|định kỳ|theo|cho|gửi|lên${/^báo cáo/iu.test(m[1]!) ? '|về' : ''}`;
  const cut = m[1]!.split(new RegExp(`\\s+(?=(?:${stops})(?![\\p{L}]))`, 'iu'))[0]!;
  const head = cut.trim().split(/\s+/).slice(0, 10).join(' ');
  return head.replace(/^./, (c) => c.toUpperCase());
}

// ---------------------------------------------------------------- tables

const COLUMNS: [keyof Row, RegExp][] = [
  ['content', /noi dung|nhiem vu|cong viec/],
  ['lead', /chu tri/],
  ['coordinating', /phoi hop/],
  ['deadline', /thoi han|thoi gian|tien do/],
  ['product', /san pham|ket qua/],
];
interface Row {
  content: string;
  lead: string;
  coordinating: string;
  deadline: string;
  product: string;
}

/** A plan's table (TT | nội dung | chủ trì | phối hợp | thời hạn | sản phẩm), cells split by | or tab. */
function readTable(lines: string[], issuedOn: string, aliases: ReturnType<typeof buildAliases>) {
  const lineIndexes = new Set<number>();
  const tasks: ProposedTask[] = [];
  let columns: Partial<Record<keyof Row, number>> | null = null;
  lines.forEach((line, i) => {
    const cells = splitCells(line);
    if (cells.length < 3) {
      columns = null;
      return;
    }
    lineIndexes.add(i);
    const folded = cells.map((c) => foldText(c).trim());
    const header: Partial<Record<keyof Row, number>> = {};
    for (const [key, re] of COLUMNS) {
      const at = folded.findIndex((c) => re.test(c) && c.length < 40);
      if (at >= 0 && !Object.values(header).includes(at)) header[key] = at;
    }
    if (header.content !== undefined && header.lead !== undefined) {
      columns = header;
      return;
    }
    if (!columns || columns.content === undefined) return;
    const cell = (k: keyof Row) => (columns![k] !== undefined ? (cells[columns![k]!] ?? '') : '');
    if (cell('content').length < 3 || /^[IVX]+$/.test(cells[0] ?? '')) return;
    const lead = findUnits(foldText(cell('lead')), aliases).flatMap((m) => m.unitIds);
    const coordinating = findUnits(foldText(cell('coordinating')), aliases).flatMap((m) => m.unitIds);
    const { deadline, found } = readDeadline(foldText(cell('deadline')), issuedOn);
    const base = {
      content: contentOf(cell('content')),
      coordinatingUnitIds: [...new Set(coordinating)],
      deadline,
      deadlineFound: found,
      expectedProduct: cell('product') || productOf(cell('content')),
      paragraph: (cells[0] ?? '').match(/^[\d.]+$/) ? cells[0]! : null,
      source: line,
    };
    for (const leadUnitId of lead.length ? [...new Set(lead)] : [null])
      tasks.push({
        ...base,
        leadUnitId,
        coordinatingUnitIds: base.coordinatingUnitIds.filter((u) => u !== leadUnitId),
      });
  });
  return { lineIndexes, tasks };
}

function splitCells(line: string): string[] {
  const sep = line.includes('|') ? '|' : line.includes('\t') ? '\t' : null;
  if (!sep) return [];
  return line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(sep)
    .map((c) => c.trim());
}
