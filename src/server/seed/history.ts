/**
 * A generator of realistic task histories: documents, tasks and their event logs over a
 * period, with the late habits of some units, extensions, returned reports, withdrawals and
 * reassignments. Deterministic for a seed. The demo data, the SQL-vs-domain agreement test
 * and the benchmarks all use it, so they exercise the same shapes of record.
 */
import { snapshotAsOf, type TaskFact } from '../domain/task-status.js';

export interface HistoryOptions {
  seed: number;
  tasks: number;
  from: string;
  /** The generator's "today": no event is dated after it. */
  until: string;
  leadUnitIds: number[];
  authorityUnitIds: number[];
  fieldCodes: string[];
  actorUserId: number | null;
  tasksPerDocument?: number;
  /**
   * Share of tasks whose lead unit never reports completion: a real backlog. Left out, tasks
   * close as the units' habits say (≈0.2% overdue at the end), and the draws are as before.
   */
  stalledShare?: number;
}

export interface GeneratedEvent {
  kind: string;
  on: string;
  data: Record<string, unknown>;
  reason: string | null;
}

export interface GeneratedTask {
  documentIndex: number;
  content: string;
  assignerUnitId: number;
  leadUnitId: number;
  coordinatorIds: number[];
  fieldCode: string;
  isKey: boolean;
  deadlineKind: 'fixed' | 'none';
  assignedOn: string;
  originalDeadline: string | null;
  state: 'assigned' | 'received' | 'in_progress' | 'completion_reported' | 'completed' | 'withdrawn' | 'cancelled';
  progress: number;
  events: GeneratedEvent[];
  facts: TaskFact[];
  deadlineChanges: { on: string; deadline: string }[];
  leadChanges: { on: string; from: number; to: number }[];
}

export interface GeneratedDocument {
  numberSymbol: string;
  kind: string;
  issuerUnitId: number;
  issuedOn: string;
  summary: string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
export const shiftDate = (d: string, days: number): string =>
  new Date(Date.parse(`${d}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const span = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

const VERBS = [
  'Rà soát',
  'Xây dựng',
  'Tham mưu',
  'Báo cáo',
  'Đề xuất',
  'Triển khai',
  'Kiểm tra',
  'Hoàn thiện',
  'Tổng hợp',
  'Chỉ đạo',
];
const OBJECTS = [
  'kế hoạch thu ngân sách năm',
  'phương án cải thiện môi trường đầu tư kinh doanh',
  'hồ sơ thủ tục hành chính tồn đọng',
  'quy hoạch phân khu đô thị',
  'dự án đầu tư công chậm tiến độ',
  'việc cấp giấy chứng nhận quyền sử dụng đất',
  'công trình xây dựng không phép',
  'tổ chức giao thông tại các nút trọng điểm',
  'xử lý ô nhiễm môi trường làng nghề',
  'chính sách hỗ trợ người lao động',
  'công tác phòng chống dịch bệnh',
  'cơ sở vật chất trường học',
];
const DOC_KINDS = ['Công văn', 'Kế hoạch', 'Thông báo kết luận', 'Quyết định', 'Chỉ thị'];

export function generateHistory(o: HistoryOptions): { documents: GeneratedDocument[]; tasks: GeneratedTask[] } {
  const rnd = mulberry32(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Each unit has a habit: some are usually late, most are usually on time.
  const lateness = new Map(o.leadUnitIds.map((u) => [u, rnd() < 0.2 ? 0.45 + rnd() * 0.3 : 0.05 + rnd() * 0.2]));
  const perDoc = o.tasksPerDocument ?? 5;
  const days = Math.max(1, span(o.from, o.until));
  const documents: GeneratedDocument[] = [];
  const tasks: GeneratedTask[] = [];
  for (let i = 0; i < o.tasks; i++) {
    const docIndex = Math.floor(i / perDoc);
    if (docIndex === documents.length) {
      const issuedOn = shiftDate(o.from, Math.floor(rnd() * days));
      documents.push({
        numberSymbol: `${docIndex + 1}/UBND-${pick(['TH', 'KT', 'ĐT', 'NC', 'KGVX'])}`,
        kind: pick(DOC_KINDS),
        issuerUnitId: pick(o.authorityUnitIds),
        issuedOn,
        summary: `Về việc ${pick(OBJECTS)}`,
      });
    }
    const doc = documents[docIndex]!;
    tasks.push(generateTask(rnd, pick, o, doc, docIndex, lateness));
  }
  return { documents, tasks };
}

function generateTask(
  rnd: () => number,
  pick: <T>(xs: readonly T[]) => T,
  o: HistoryOptions,
  doc: GeneratedDocument,
  documentIndex: number,
  lateness: Map<number, number>,
): GeneratedTask {
  const lead = pick(o.leadUnitIds);
  const assignedOn = doc.issuedOn;
  const noDeadline = rnd() < 0.08;
  const deadline = noDeadline ? null : shiftDate(assignedOn, 5 + Math.floor(rnd() * 60));
  const b = new Builder(o.until, assignedOn, deadline, lead);
  const late = rnd() < lateness.get(lead)!;
  b.at(assignedOn, Math.floor(rnd() * 4), 'received', {});
  if (rnd() < 0.6)
    b.at(assignedOn, 3 + Math.floor(rnd() * 15), 'progress', {
      note: 'Đang triển khai',
      percent: 30 + Math.floor(rnd() * 50),
    });
  if (rnd() < 0.03) b.reassign(shiftDate(assignedOn, 1 + Math.floor(rnd() * 5)), pick(o.leadUnitIds));
  if (deadline && rnd() < 0.15)
    b.extension(
      shiftDate(deadline, -10 + Math.floor(rnd() * 15)),
      shiftDate(deadline, 10 + Math.floor(rnd() * 30)),
      rnd() < 0.65,
    );
  if (o.stalledShare !== undefined && rnd() < o.stalledShare) {
    // Received, perhaps reported on, never completed: overdue from its deadline on.
  } else if (rnd() < 0.025) {
    b.end(shiftDate(assignedOn, 2 + Math.floor(rnd() * 30)), rnd() < 0.5 ? 'withdrawn' : 'cancelled');
  } else {
    const target = b.deadline ?? shiftDate(assignedOn, 60);
    const reportOn = late ? shiftDate(target, 1 + Math.floor(rnd() * 60)) : shiftDate(target, -Math.floor(rnd() * 10));
    if (rnd() < 0.06) {
      b.at(reportOn, 0, 'completion_reported', { note: 'Đã hoàn thành' });
      b.at(reportOn, 2, 'completion_returned', {}, 'Báo cáo chưa đầy đủ, đề nghị bổ sung');
      b.completion(shiftDate(reportOn, 5 + Math.floor(rnd() * 10)), Math.floor(rnd() * 6));
    } else {
      b.completion(reportOn, Math.floor(rnd() * 6));
    }
  }
  return {
    documentIndex,
    content: `${pick(VERBS)} ${pick(OBJECTS)} theo chỉ đạo của UBND Thành phố`,
    assignerUnitId: doc.issuerUnitId,
    leadUnitId: lead,
    coordinatorIds: rnd() < 0.3 ? [pick(o.leadUnitIds)].filter((u) => u !== lead) : [],
    fieldCode: pick(o.fieldCodes),
    isKey: rnd() < 0.1,
    deadlineKind: deadline ? 'fixed' : 'none',
    assignedOn,
    originalDeadline: deadline,
    state: b.state,
    progress: b.progress,
    events: b.events,
    facts: b.facts,
    deadlineChanges: b.deadlineChanges,
    leadChanges: b.leadChanges,
  };
}

/** Appends events in date order and stops at the generator's today. */
class Builder {
  events: GeneratedEvent[] = [];
  facts: TaskFact[];
  deadlineChanges: { on: string; deadline: string }[] = [];
  leadChanges: { on: string; from: number; to: number }[] = [];
  state: GeneratedTask['state'] = 'assigned';
  progress = 0;
  private last: string;

  constructor(
    private readonly until: string,
    assignedOn: string,
    public deadline: string | null,
    private lead: number,
  ) {
    this.last = assignedOn;
    this.events.push({ kind: 'assigned', on: assignedOn, data: { deadline, leadUnitId: lead }, reason: null });
    this.facts = [{ kind: 'assigned', on: assignedOn, deadline, leadUnitId: lead }];
  }

  private open(): boolean {
    return !['completed', 'withdrawn', 'cancelled'].includes(this.state);
  }

  at(base: string, offset: number, kind: string, data: Record<string, unknown>, reason: string | null = null): boolean {
    const on = shiftDate(base, offset) < this.last ? this.last : shiftDate(base, offset);
    if (on > this.until || !this.open()) return false;
    this.last = on;
    this.events.push({ kind, on, data, reason });
    if (kind === 'received') this.state = 'received';
    if (kind === 'progress') [this.state, this.progress] = ['in_progress', Number(data.percent)];
    if (kind === 'completion_reported') [this.state, this.progress] = ['completion_reported', 100];
    if (kind === 'completion_returned') this.state = 'in_progress';
    if (kind === 'completion_confirmed') this.state = 'completed';
    if (['completion_reported', 'completion_returned', 'completion_confirmed'].includes(kind))
      this.facts.push({ kind: kind as 'completion_reported', on });
    return true;
  }

  reassign(on: string, to: number): void {
    if (
      to === this.lead ||
      !this.at(on, 0, 'lead_reassigned', { fromUnitId: this.lead, leadUnitId: to }, 'Điều chỉnh đơn vị chủ trì')
    )
      return;
    this.leadChanges.push({ on: this.last, from: this.lead, to });
    this.facts.push({ kind: 'lead_reassigned', on: this.last, leadUnitId: to });
    this.lead = to;
  }

  extension(requestOn: string, newDeadline: string, approved: boolean): void {
    if (
      !this.deadline ||
      !this.at(
        requestOn,
        0,
        'extension_requested',
        { newDeadline, currentDeadline: this.deadline },
        'Cần thêm thời gian phối hợp',
      )
    )
      return;
    const decidedOn = this.last;
    if (!approved) {
      this.at(decidedOn, 2, 'extension_refused', {}, 'Không đủ căn cứ gia hạn');
      return;
    }
    if (!this.at(decidedOn, 2, 'extension_approved', { deadline: newDeadline, previousDeadline: this.deadline }))
      return;
    this.deadlineChanges.push({ on: this.last, deadline: newDeadline });
    this.facts.push({ kind: 'extension_approved', on: this.last, deadline: newDeadline });
    this.deadline = newDeadline;
  }

  completion(reportOn: string, confirmAfter: number): void {
    if (!this.at(reportOn, 0, 'completion_reported', { note: 'Đã hoàn thành, gửi kèm báo cáo kết quả' })) return;
    // About half the reports are letters dated a few days before they were entered (business
    // dates), derived from the draw already made so the generated histories stay the same otherwise.
    const datedBack = confirmAfter >= 3 ? confirmAfter - 2 : 0;
    const assignedOn = this.facts[0]!.on;
    if (datedBack > 0) {
      const dated = shiftDate(this.last, -datedBack) < assignedOn ? assignedOn : shiftDate(this.last, -datedBack);
      const event = this.events[this.events.length - 1]!;
      event.data = { ...event.data, dated, unitDocument: { number: `${datedBack}/BC`, date: dated } };
      this.facts[this.facts.length - 1] = { kind: 'completion_reported', on: this.last, dated };
    }
    this.at(this.last, confirmAfter, 'completion_confirmed', {});
  }

  end(on: string, kind: 'withdrawn' | 'cancelled'): void {
    if (
      this.at(on, 0, kind, {}, kind === 'withdrawn' ? 'Nhiệm vụ không còn phù hợp' : 'Văn bản chỉ đạo đã được thay thế')
    ) {
      this.facts.push({ kind, on: this.last });
      this.state = kind;
    }
  }
}

/** The projection columns a task row carries, from its facts (the same fold the services use). */
export function projectionOf(t: GeneratedTask) {
  const s = snapshotAsOf(t.facts)!;
  return {
    lead_unit_id: s.leadUnitId,
    lead_since: s.leadSince,
    deadline: s.deadline,
    first_extended_on: s.firstExtendedOn,
    last_extended_on: s.lastExtendedOn,
    extension_count: s.extensionCount,
    completion_reported_on: s.pendingReportOn ?? s.completedOn,
    completed_on: s.completedOn,
    confirmed_on: s.confirmedOn,
    ended_on: s.endedOn,
  };
}
