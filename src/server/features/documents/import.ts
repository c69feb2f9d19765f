import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { foldForSearch } from '../../domain/text.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { normalizeToken, parseDateCell, readTableFile, type TableRow } from '../files/table-file.js';
import type { TaskInput } from '../tasks/schema.js';
import { DOCUMENT_KINDS, DocumentBody } from './schema.js';
import { insertDocument, type DocumentInput } from './service.js';

/**
 * Importing directive documents and their tasks from a table (DESIGN.md §10): one row per task,
 * the document's columns on its first row (later rows of the same number may repeat them or
 * leave them empty). A dry run checks everything an import would, by running it in a
 * transaction that is then rolled back; an import writes every document or none.
 */
export type ImportColumn =
  | 'numberSymbol'
  | 'kind'
  | 'issuer'
  | 'issuedOn'
  | 'signer'
  | 'summary'
  | 'content'
  | 'lead'
  | 'coordinators'
  | 'field'
  | 'isKey'
  | 'leader'
  | 'paragraph'
  | 'expectedProduct'
  | 'deadline'
  | 'period'
  | 'periodUntil'
  | 'dueDay';

const ALIASES: Record<ImportColumn, string[]> = {
  numberSymbol: ['so_ky_hieu', 'so_hieu', 'so_van_ban', 'number_symbol', 'numbersymbol'],
  kind: ['loai_van_ban', 'kind'],
  issuer: ['co_quan_ban_hanh', 'ma_co_quan_ban_hanh', 'issuer_code', 'issuer'],
  issuedOn: ['ngay_ban_hanh', 'issued_on', 'issuedon'],
  signer: ['nguoi_ky', 'signer'],
  summary: ['trich_yeu', 'summary'],
  content: ['noi_dung_nhiem_vu', 'noi_dung', 'nhiem_vu', 'content'],
  lead: ['don_vi_chu_tri', 'ma_don_vi_chu_tri', 'chu_tri', 'lead_unit_code', 'lead'],
  coordinators: ['don_vi_phoi_hop', 'ma_don_vi_phoi_hop', 'phoi_hop', 'coordinating_unit_codes', 'coordinators'],
  field: ['linh_vuc', 'ma_linh_vuc', 'field_code', 'field'],
  isKey: ['trong_tam', 'nhiem_vu_trong_tam', 'is_key', 'iskey'],
  leader: ['lanh_dao_chi_dao', 'lanh_dao', 'leader_username', 'leader'],
  paragraph: ['muc_khoan', 'paragraph'],
  expectedProduct: ['san_pham', 'expected_product', 'expectedproduct'],
  deadline: ['thoi_han', 'han', 'han_xu_ly', 'deadline'],
  period: ['dinh_ky', 'ky', 'period'],
  periodUntil: ['den_ngay', 'until', 'period_until'],
  dueDay: ['ngay_han_trong_ky', 'ngay_han', 'due_day', 'dueday'],
};

const REQUIRED: ImportColumn[] = ['numberSymbol', 'content', 'lead'];

/** The labels the messages use for each column: the template's headers. */
export const IMPORT_HEADERS: Record<ImportColumn, string> = {
  numberSymbol: 'Số ký hiệu',
  kind: 'Loại văn bản',
  issuer: 'Cơ quan ban hành',
  issuedOn: 'Ngày ban hành',
  signer: 'Người ký',
  summary: 'Trích yếu',
  content: 'Nội dung nhiệm vụ',
  lead: 'Đơn vị chủ trì',
  coordinators: 'Đơn vị phối hợp',
  field: 'Lĩnh vực',
  isKey: 'Trọng tâm',
  leader: 'Lãnh đạo chỉ đạo',
  paragraph: 'Mục khoản',
  expectedProduct: 'Sản phẩm',
  deadline: 'Thời hạn',
  period: 'Định kỳ',
  periodUntil: 'Đến ngày',
  dueDay: 'Ngày hạn trong kỳ',
};

export type ImportRow = TableRow<ImportColumn>;

export interface ImportError {
  line: number;
  field: ImportColumn | 'file';
  message: { vi: string; en: string };
}

export interface ImportedDocument {
  numberSymbol: string;
  issuedOn: string;
  kind: string;
  issuerCode: string;
  lines: number[];
  tasks: number;
  id?: number;
}

export const readImportFile = (name: string, content: Buffer) => readTableFile(name, content, ALIASES, REQUIRED);

interface Refs {
  /** Active units by code. */
  units: Map<string, number>;
  /** Units no longer active by code, with the code of their successor if any. */
  retired: Map<string, string | null>;
  fields: Set<string>;
  leaders: Map<string, number>;
}

async function loadRefs(ctx: AppContext): Promise<Refs> {
  const [units, fields, leaders] = await Promise.all([
    ctx.db
      .selectFrom('units as u')
      .leftJoin('units as s', 's.id', 'u.successor_id')
      .select(['u.id', 'u.code', 'u.active', 's.code as successor'])
      .execute(),
    ctx.db.selectFrom('fields').select('code').execute(),
    ctx.db
      .selectFrom('users as s')
      .innerJoin('user_roles as r', 'r.user_id', 's.id')
      .select(['s.id', 's.username', 's.full_name'])
      .where('r.role', '=', 'leader')
      .where('s.active', '=', true)
      .execute(),
  ]);
  const byName = new Map<string, number>();
  for (const l of leaders) byName.set(l.username.toLowerCase(), l.id).set(foldForSearch(l.full_name), l.id);
  return {
    units: new Map(units.filter((u) => u.active).map((u) => [u.code.toUpperCase(), u.id])),
    retired: new Map(units.filter((u) => !u.active).map((u) => [u.code.toUpperCase(), u.successor])),
    fields: new Set(fields.map((f) => f.code)),
    leaders: byName,
  };
}

/** Why a unit code names no active unit: unknown, or retired (merged into a successor). */
function noUnit(refs: Refs, code: string, role: { vi: string; en: string }): [string, string] {
  const key = code.toUpperCase();
  if (!refs.retired.has(key)) return [`không có ${role.vi} mã "${code}".`, `no ${role.en} with code "${code}".`];
  const successor = refs.retired.get(key);
  return [
    `${role.vi} "${code}" đã ngừng hoạt động${successor ? `, nhiệm vụ giao cho đơn vị kế thừa "${successor}"` : ''}.`,
    `${role.en} "${code}" is no longer active${successor ? `; give the task to its successor "${successor}"` : ''}.`,
  ];
}

const PERIODS: Record<string, 'monthly' | 'quarterly' | 'half_yearly' | 'yearly'> = {
  monthly: 'monthly',
  hang_thang: 'monthly',
  thang: 'monthly',
  quarterly: 'quarterly',
  hang_quy: 'quarterly',
  quy: 'quarterly',
  half_yearly: 'half_yearly',
  '6_thang': 'half_yearly',
  sau_thang: 'half_yearly',
  yearly: 'yearly',
  hang_nam: 'yearly',
  nam: 'yearly',
};
const YES = new Set(['x', 'co', 'yes', 'true', '1']);

/** One row's task, or errors against the row's line. */
function taskOf(
  row: ImportRow,
  refs: Refs,
  err: (field: ImportColumn, vi: string, en: string) => void,
): TaskInput | null {
  const lead = refs.units.get((row.lead ?? '').toUpperCase());
  if (!lead) err('lead', ...noUnit(refs, row.lead ?? '', { vi: 'đơn vị chủ trì', en: 'lead unit' }));
  const coordinatingUnitIds: number[] = [];
  for (const code of (row.coordinators ?? '')
    .split(/[;,]/)
    .map((c) => c.trim())
    .filter(Boolean)) {
    const id = refs.units.get(code.toUpperCase());
    if (id) coordinatingUnitIds.push(id);
    else err('coordinators', ...noUnit(refs, code, { vi: 'đơn vị phối hợp', en: 'coordinating unit' }));
  }
  if (row.field && !refs.fields.has(row.field))
    err('field', `không có lĩnh vực mã "${row.field}".`, `no field with code "${row.field}".`);
  const leaderUserId = row.leader
    ? (refs.leaders.get(row.leader.toLowerCase()) ?? refs.leaders.get(foldForSearch(row.leader)))
    : undefined;
  if (row.leader && !leaderUserId)
    err(
      'leader',
      `"${row.leader}" không phải lãnh đạo (tên đăng nhập hoặc họ tên).`,
      `"${row.leader}" is not a leader (username or full name).`,
    );
  const deadline = deadlineOf(row, err);
  if (!lead || !deadline) return null;
  return {
    content: row.content ?? '',
    leadUnitId: lead,
    coordinatingUnitIds,
    ...(row.field ? { fieldCode: row.field } : {}),
    isKey: YES.has(normalizeToken(row.isKey ?? '')),
    ...(leaderUserId ? { leaderUserId } : {}),
    ...(row.paragraph ? { paragraph: row.paragraph } : {}),
    ...(row.expectedProduct ? { expectedProduct: row.expectedProduct } : {}),
    deadline,
  };
}

/** A date is a fixed deadline, a number N is N working days, a period makes it periodic, nothing means no deadline. */
function deadlineOf(
  row: ImportRow,
  err: (field: ImportColumn, vi: string, en: string) => void,
): TaskInput['deadline'] | null {
  const value = row.deadline ?? '';
  if (row.period) {
    const period = PERIODS[normalizeToken(row.period)];
    const until = parseDateCell(row.periodUntil ?? '');
    const dueDay = row.dueDay ? Number(row.dueDay) : undefined;
    const dueDayOk = dueDay === undefined || (Number.isInteger(dueDay) && dueDay >= 1 && dueDay <= 31);
    if (!period)
      err(
        'period',
        `định kỳ "${row.period}" không hợp lệ (hằng tháng, hằng quý, 6 tháng, hằng năm).`,
        `period "${row.period}" is not one of monthly, quarterly, half_yearly, yearly.`,
      );
    if (!until)
      err(
        'periodUntil',
        'định kỳ cần "Đến ngày" (YYYY-MM-DD hoặc dd/mm/yyyy).',
        'a periodic task needs "until" (YYYY-MM-DD or dd/mm/yyyy).',
      );
    if (!dueDayOk) err('dueDay', '"Ngày hạn trong kỳ" phải từ 1 đến 31.', 'the due day must be 1 to 31.');
    if (!period || !until || !dueDayOk) return null;
    // `from` is the document's date, filled in when the document is known.
    return { kind: 'periodic', period, from: '', until, ...(dueDay ? { dueDay } : {}) };
  }
  if (value === '') return { kind: 'none' };
  if (/^\d{1,3}$/.test(value)) return { kind: 'working_days', days: Number(value), from: 'document' };
  const date = parseDateCell(value);
  if (date) return { kind: 'fixed', date };
  err(
    'deadline',
    `thời hạn "${value}" không phải ngày (YYYY-MM-DD, dd/mm/yyyy) hay số ngày làm việc.`,
    `deadline "${value}" is neither a date (YYYY-MM-DD, dd/mm/yyyy) nor a number of working days.`,
  );
  return null;
}

const DOCUMENT_COLUMNS = ['kind', 'issuer', 'issuedOn', 'signer', 'summary'] as const;

/**
 * The documents a file describes, grouped by number in file order, or every problem found with
 * its line: unknown codes, bad dates, a document's columns that disagree between its rows, a
 * document already registered, and whatever the entry form's own validation refuses.
 */
export async function documentsOfRows(
  ctx: AppContext,
  rows: ImportRow[],
): Promise<{ documents: { input: DocumentInput; summary: ImportedDocument }[]; errors: ImportError[] }> {
  const refs = await loadRefs(ctx);
  const errors: ImportError[] = [];
  const groups = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const key = (row.numberSymbol ?? '').trim();
    if (!key) {
      errors.push({
        line: row.line,
        field: 'numberSymbol',
        message: {
          vi: `Dòng ${row.line}: thiếu số ký hiệu văn bản.`,
          en: `Line ${row.line}: the document number is missing.`,
        },
      });
      continue;
    }
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const documents: { input: DocumentInput; summary: ImportedDocument }[] = [];
  for (const [numberSymbol, group] of groups) {
    const first = group[0]!;
    const head: Partial<Record<(typeof DOCUMENT_COLUMNS)[number], string>> = {};
    for (const col of DOCUMENT_COLUMNS) {
      for (const row of group) {
        const v = row[col]?.trim();
        if (!v) continue;
        if (head[col] === undefined) head[col] = v;
        else if (head[col] !== v)
          errors.push({
            line: row.line,
            field: col,
            message: {
              vi: `Dòng ${row.line}: "${IMPORT_HEADERS[col]}" khác với dòng trước của văn bản ${numberSymbol}.`,
              en: `Line ${row.line}: "${col}" differs from an earlier row of document ${numberSymbol}.`,
            },
          });
      }
    }
    const at = (line: number) => (field: ImportColumn, vi: string, en: string) =>
      errors.push({ line, field, message: { vi: `Dòng ${line}: ${vi}`, en: `Line ${line}: ${en}` } });
    const issuedOn = parseDateCell(head.issuedOn ?? '');
    if (!issuedOn)
      at(first.line)(
        'issuedOn',
        `ngày ban hành "${head.issuedOn ?? ''}" không hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy).`,
        `issue date "${head.issuedOn ?? ''}" is not a valid date (YYYY-MM-DD or dd/mm/yyyy).`,
      );
    const issuerUnitId = refs.units.get((head.issuer ?? '').toUpperCase());
    if (!issuerUnitId)
      at(first.line)('issuer', ...noUnit(refs, head.issuer ?? '', { vi: 'cơ quan ban hành', en: 'issuing unit' }));
    const kind = DOCUMENT_KINDS.find((k) => normalizeToken(k) === normalizeToken(head.kind ?? ''));
    if (!kind)
      at(first.line)(
        'kind',
        `loại văn bản "${head.kind ?? ''}" không có trong danh mục (${DOCUMENT_KINDS.join(', ')}).`,
        `document kind "${head.kind ?? ''}" is not one of ${DOCUMENT_KINDS.join(', ')}.`,
      );
    const tasks = group.map((row) => taskOf(row, refs, at(row.line)));
    if (!issuedOn || !issuerUnitId || !kind || tasks.some((t) => t === null)) continue;
    const input = {
      numberSymbol,
      kind,
      issuerUnitId,
      issuedOn,
      signer: head.signer ?? null,
      summary: head.summary ?? '',
      tasks: (tasks as TaskInput[]).map((t) =>
        t.deadline.kind === 'periodic' ? { ...t, deadline: { ...t.deadline, from: issuedOn } } : t,
      ),
    };
    const checked = DocumentBody.safeParse(input);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const [top, index, ...rest] = issue.path;
        const line = top === 'tasks' && typeof index === 'number' ? group[index]!.line : first.line;
        const field = (top === 'tasks' ? String(rest[0] ?? 'content') : String(top)) as ImportColumn;
        errors.push({
          line,
          field,
          message: {
            vi: `Dòng ${line}: ${String(issue.path.join('.'))}: ${issue.message}`,
            en: `Line ${line}: ${String(issue.path.join('.'))}: ${issue.message}`,
          },
        });
      }
      continue;
    }
    documents.push({
      input: checked.data,
      summary: {
        numberSymbol,
        issuedOn,
        kind,
        issuerCode: head.issuer!.toUpperCase(),
        lines: group.map((r) => r.line),
        tasks: group.length,
      },
    });
  }
  const existing = documents.length
    ? await ctx.db
        .selectFrom('documents')
        .select(['number_symbol', 'issued_on'])
        .where(
          'number_symbol',
          'in',
          documents.map((d) => d.input.numberSymbol),
        )
        .execute()
    : [];
  for (const d of documents) {
    if (existing.some((e) => e.number_symbol === d.input.numberSymbol && e.issued_on === d.input.issuedOn)) {
      const line = d.summary.lines[0]!;
      errors.push({
        line,
        field: 'numberSymbol',
        message: {
          vi: `Dòng ${line}: văn bản ${d.input.numberSymbol} ngày ${d.input.issuedOn} đã được nhập.`,
          en: `Line ${line}: document ${d.input.numberSymbol} of ${d.input.issuedOn} is already registered.`,
        },
      });
    }
  }
  return { documents, errors: errors.sort((a, b) => a.line - b.line) };
}

class DryRunRollback extends Error {}

/**
 * Writes every document of the file with its tasks in one transaction, labelling task errors
 * with their file line. A dry run does the same and rolls it back, so it refuses exactly what
 * the import would refuse.
 */
export async function importDocuments(
  ctx: AppContext,
  p: Principal,
  documents: { input: DocumentInput; summary: ImportedDocument }[],
  dryRun: boolean,
): Promise<ImportedDocument[]> {
  const calendar = await loadWorkingCalendar(ctx.db);
  const written: ImportedDocument[] = [];
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const d of documents) {
        const { id } = await insertDocument(
          trx,
          ctx,
          p,
          d.input,
          calendar,
          (i) => `Dòng ${d.summary.lines[i]} / line ${d.summary.lines[i]}: `,
        );
        written.push({ ...d.summary, ...(dryRun ? {} : { id }) });
      }
      if (dryRun) throw new DryRunRollback();
    });
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  return written;
}

/** The template offered for download: the headers and two example rows. */
export function importTemplateCsv(): string {
  const cols = Object.keys(IMPORT_HEADERS) as ImportColumn[];
  const example: Partial<Record<ImportColumn, string>>[] = [
    {
      numberSymbol: '01/KH-MAU',
      kind: 'Kế hoạch',
      issuer: 'UBND',
      issuedOn: '05/01/2026',
      signer: 'Họ và tên người ký',
      summary: 'Trích yếu của văn bản (dòng mẫu: thay bằng văn bản thật)',
      content: 'Rà soát các nhiệm vụ chậm tiến độ, báo cáo UBND Thành phố',
      lead: 'SNV',
      coordinators: 'VPUB; STTTT',
      field: 'cai_cach_hanh_chinh',
      isKey: 'x',
      deadline: '31/03/2026',
    },
    {
      numberSymbol: '01/KH-MAU',
      content: 'Báo cáo định kỳ kết quả thực hiện',
      lead: 'Q.BADINH',
      period: 'hằng quý',
      periodUntil: '31/12/2026',
      dueDay: '20',
    },
  ];
  const cell = (v: string | undefined) => (v && /[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : (v ?? ''));
  return `\uFEFF${[cols.map((c) => IMPORT_HEADERS[c]).join(';'), ...example.map((r) => cols.map((c) => cell(r[c])).join(';'))].join('\r\n')}\r\n`;
}
