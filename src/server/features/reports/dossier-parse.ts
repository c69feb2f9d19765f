import ExcelJS from 'exceljs';
import { foldForSearch } from '../../domain/text.js';
import { BadRequest } from '../../errors.js';

/**
 * Reading a dossier statistics file from the one-stop-shop system (CSV or Excel): one header
 * row, then one row per unit, field and period. Headers may be the API names or the usual
 * Vietnamese column titles, with or without diacritics.
 */
export type DossierColumn = 'unitCode' | 'fieldCode' | 'periodStart' | 'periodEnd' | 'received' | 'resolvedOnTime' | 'resolvedLate' | 'pendingOnTime' | 'pendingOverdue';

const ALIASES: Record<DossierColumn, string[]> = {
  unitCode: ['unit_code', 'unitcode', 'ma_don_vi', 'don_vi'],
  fieldCode: ['field_code', 'fieldcode', 'ma_linh_vuc', 'linh_vuc'],
  periodStart: ['period_start', 'periodstart', 'tu_ngay'],
  periodEnd: ['period_end', 'periodend', 'den_ngay'],
  received: ['received', 'tiep_nhan', 'so_ho_so_tiep_nhan'],
  resolvedOnTime: ['resolved_on_time', 'resolvedontime', 'giai_quyet_dung_han', 'da_giai_quyet_dung_han'],
  resolvedLate: ['resolved_late', 'resolvedlate', 'giai_quyet_qua_han', 'da_giai_quyet_qua_han'],
  pendingOnTime: ['pending_on_time', 'pendingontime', 'dang_giai_quyet_trong_han'],
  pendingOverdue: ['pending_overdue', 'pendingoverdue', 'dang_giai_quyet_qua_han'],
};

export const REQUIRED_COLUMNS: DossierColumn[] = ['unitCode', 'fieldCode', 'periodStart', 'periodEnd', 'received'];

export type RawRow = Partial<Record<DossierColumn, string>> & { line: number };

const normalizeHeader = (h: string) => foldForSearch(h).trim().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

function columnOf(header: string): DossierColumn | null {
  const h = normalizeHeader(header);
  for (const [col, names] of Object.entries(ALIASES) as [DossierColumn, string[]][]) if (names.includes(h)) return col;
  return null;
}

/** Splits CSV text (comma or semicolon, double-quoted fields, a BOM) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function excelCellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return excelCellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

async function xlsxRows(content: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new BadRequest({ vi: 'Không đọc được tệp Excel (.xlsx).', en: 'Cannot read the Excel (.xlsx) file.' }, 'file');
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(excelCellText(row.getCell(c).value).trim());
    rows.push(cells);
  });
  return rows.filter((r) => r.some((c) => c !== ''));
}

const isXlsx = (name: string, content: Buffer) => name.toLowerCase().endsWith('.xlsx') || (content[0] === 0x50 && content[1] === 0x4b);

/** The rows of an uploaded file, keyed by column, each with its line number in the file; or the missing headers. */
export async function readDossierFile(name: string, content: Buffer): Promise<{ rows: RawRow[]; missing: DossierColumn[]; unknown: string[] }> {
  const table = isXlsx(name, content) ? await xlsxRows(content) : parseCsv(content.toString('utf8'));
  const [header = [], ...data] = table;
  const columns = header.map(columnOf);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const unknown = header.filter((h, i) => h.trim() && columns[i] === null);
  const rows = data.map((cells, i) => {
    const row: RawRow = { line: i + 2 };
    columns.forEach((col, j) => {
      if (col) row[col] = (cells[j] ?? '').trim();
    });
    return row;
  });
  return { rows, missing, unknown };
}
