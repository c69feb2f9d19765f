import { describe, expect, it } from 'vitest';
import { foldForSearch, likePattern } from './text.js';

describe('foldForSearch', () => {
  it.each([
    ['Tồn đọng', 'ton dong'],
    ['ĐẦU TƯ  xây dựng', 'dau tu xay dung'],
    ['Quận Hoàn Kiếm', 'quan hoan kiem'],
    ['Ứng Hòa', 'ung hoa'],
    ['2812/UBND-TKBT', '2812/ubnd-tkbt'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('escapes LIKE wildcards typed by the user', () => {
    expect(likePattern('50%_Đất')).toBe('%50\\%\\_dat%');
  });
});
