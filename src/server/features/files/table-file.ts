import ExcelJS from 'exceljs';
import { isIsoDate } from '../../domain/dates.js';
import { foldForSearch } from '../../domain/text.js';
import { BadRequest } from '../../errors.js';

/** A data row of an uploaded table: its cells by column, and its line in the file. */
export type TableRow<C extends string> = Partial<Record<C, string>> & { line: number };

/** A header or a coded cell without diacritics, case or punctuation: "Mã đơn vị" → ma_don_vi, "Hằng quý" → hang_quy. */
export const normalizeToken = (h: string) =>
  foldForSearch(h)
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** A date cell: 'YYYY-MM-DD' or 'dd/mm/yyyy' → 'YYYY-MM-DD', or null. */
export function parseDateCell(s: string | undefined): string | null {
  const t = (s ?? '').trim();
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : t;
  return isIsoDate(iso) ? iso : null;
}

function columnOf<C extends string>(header: string, aliases: Record<C, string[]>): C | null {
  const h = normalizeToken(header);
  for (const [col, names] of Object.entries(aliases) as [C, string[]][]) if (names.includes(h)) return col;
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
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
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
    throw new BadRequest(
      { vi: 'Không đọc được tệp Excel (.xlsx).', en: 'Cannot read the Excel (.xlsx) file.' },
      'file',
    );
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

const isXlsx = (name: string, content: Buffer) =>
  name.toLowerCase().endsWith('.xlsx') || (content[0] === 0x50 && content[1] === 0x4b);

/**
 * The rows of an uploaded table (CSV or Excel: one header row, then data), keyed by column,
 * each with its line number in the file; or the required headers that are missing. Headers are
 * matched to `aliases` without diacritics, case or punctuation ("Mã đơn vị" = ma_don_vi).
 */
export async function readTableFile<C extends string>(
  name: string,
  content: Buffer,
  aliases: Record<C, string[]>,
  required: readonly C[],
): Promise<{ rows: TableRow<C>[]; missing: C[]; unknown: string[] }> {
  const table = isXlsx(name, content) ? await xlsxRows(content) : parseCsv(content.toString('utf8'));
  const [header = [], ...data] = table;
  const columns = header.map((h) => columnOf(h, aliases));
  const missing = required.filter((c) => !columns.includes(c));
  const unknown = header.filter((h, i) => h.trim() && columns[i] === null);
  const rows = data.map((cells, i) => {
    const row = { line: i + 2 } as TableRow<C>;
    columns.forEach((col, j) => {
      if (col) (row as Record<string, string | number>)[col] = (cells[j] ?? '').trim();
    });
    return row;
  });
  return { rows, missing, unknown };
}
