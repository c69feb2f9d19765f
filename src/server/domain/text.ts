/**
 * Search ignores Vietnamese diacritics: `ton dong` finds `tồn đọng`. We store a folded copy of
 * searchable text and fold the query the same way, so both engines match with plain LIKE.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A LIKE pattern for a folded query; the user's % and _ are literal. */
export function likePattern(query: string): string {
  return `%${foldForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
