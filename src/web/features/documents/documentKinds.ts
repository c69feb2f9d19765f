import { DOCUMENT_KINDS } from '../../api/types';
import type { Language } from '../../i18n';

const ENGLISH: Record<string, string> = {
  'Nghị quyết': 'Resolution',
  'Quyết định': 'Decision',
  'Chỉ thị': 'Directive',
  'Kế hoạch': 'Plan',
  'Thông báo kết luận': 'Conclusion notice',
  'Công văn': 'Official letter',
  'Thông báo': 'Notice',
  'Văn bản khác': 'Other document',
};

/** Document kinds are stored by their Vietnamese names; English users see a translation. */
export const documentKindLabel = (kind: string, language: Language): string =>
  language === 'en' ? (ENGLISH[kind] ?? kind) : kind;

export const documentKindOptions = (language: Language) =>
  DOCUMENT_KINDS.map((k) => ({ value: k, label: documentKindLabel(k, language) }));
