import { readTableFile, type TableRow } from '../files/table-file.js';

/**
 * Reading a dossier statistics file from the one-stop-shop system (CSV or Excel): one header
 * row, then one row per unit, field and period. Headers may be the API names or the usual
 * Vietnamese column titles, with or without diacritics.
 */
export type DossierColumn =
  | 'unitCode'
  | 'fieldCode'
  | 'periodStart'
  | 'periodEnd'
  | 'received'
  | 'resolvedOnTime'
  | 'resolvedLate'
  | 'pendingOnTime'
  | 'pendingOverdue';

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

export type RawRow = TableRow<DossierColumn>;

export const readDossierFile = (name: string, content: Buffer) =>
  readTableFile(name, content, ALIASES, REQUIRED_COLUMNS);
