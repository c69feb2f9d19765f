import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { insertOpenTasks } from '../reminders/fixtures.js';
import type { OfficialDocument } from './official-document.js';
import { officialDocx } from './official-docx.js';
import { officialPdf } from './official-pdf.js';

/**
 * The official layout of NĐ 30/2020/NĐ-CP, read back from the files themselves: the DOCX's
 * XML (fonts, sizes, bold, italics, underline, the first page without a number) and the PDF
 * through poppler's pdftotext and pdffonts (text per page, fonts embedded).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-official-'));
const pdfPages = (pdf: Buffer): string[] => {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  // Reading order, each page's lines joined: a heading wrapped in its column reads as one line.
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((page) => page.replace(/[ \t]*\n[ \t]*/g, '\n'));
};
const flat = (page: string) => page.replace(/\s+/g, ' ');
const pdfFonts = (pdf: Buffer): string[] => {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
};
const docxParts = async (docx: Buffer) => {
  const zip = await JSZip.loadAsync(docx);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const names = Object.keys(zip.files);
  const headers = await Promise.all(names.filter((n) => /^word\/header\d+\.xml$/.test(n)).map(read));
  return { document: await read('word/document.xml'), headers };
};
/** The run (w:r) whose text is exactly `text`, with its properties. */
const runOf = (xml: string, text: string): string => {
  const runs = xml.match(/<w:r>(?:(?!<w:r>).)*?<\/w:r>/gs) ?? [];
  const found = runs.find((r) => r.includes(`>${text}</w:t>`));
  if (!found) throw new Error(`no run "${text}"`);
  return found;
};

const letter: OfficialDocument = {
  title: 'Văn bản đôn đốc',
  issuerParent: 'Ủy ban nhân dân thành phố Hà Nội',
  issuer: 'Văn phòng UBND Thành phố',
  numberSymbol: '1234/VPUB-ĐĐ',
  place: 'Hà Nội',
  date: '2026-02-05',
  kindName: null,
  subject: 'đôn đốc thực hiện các nhiệm vụ quá hạn',
  addressees: 'Sở Xây dựng',
  body: [
    ...Array.from({ length: 14 }, (_, i) => ({
      kind: 'paragraph' as const,
      text: `Đoạn ${i + 1}: đề nghị Sở Xây dựng khẩn trương chỉ đạo, hoàn thành các nhiệm vụ được giao, báo cáo kết quả thực hiện, nêu rõ nguyên nhân chậm trễ và trách nhiệm của tổ chức, cá nhân liên quan.`,
    })),
    {
      kind: 'table',
      header: ['STT', 'Nội dung nhiệm vụ', 'Thời hạn'],
      widths: [6, 74, 20],
      rows: [['1', 'Rà soát quy hoạch phân khu đô thị', '20/11/2026']],
    },
  ],
  recipients: ['- Như trên;', '- Chủ tịch UBND Thành phố (để báo cáo);', '- Lưu: VT.'],
  signatures: [{ lines: ['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'], name: 'Trần Minh Đức' }],
};

describe('official layout (NĐ 30/2020/NĐ-CP)', () => {
  it('DOCX: Times New Roman, the decree’s sizes and styles, page numbers from page 2', async () => {
    const { document: xml, headers } = await docxParts(await officialDocx(letter));
    // w:sz is in half-points: 12.5 pt → 25, 13 → 26, 13.5 → 27, 12 → 24, 11 → 22.
    const national = runOf(xml, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(national).toMatch(/<w:b\/>/);
    expect(national).toContain('w:val="25"');
    const motto = runOf(xml, 'Độc lập - Tự do - Hạnh phúc');
    expect(motto).toMatch(/<w:b\/>/);
    expect(motto).toMatch(/<w:u /);
    expect(motto).toContain('w:val="27"');
    expect(runOf(xml, 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI')).not.toMatch(/<w:b\/>/);
    expect(runOf(xml, 'VĂN PHÒNG UBND THÀNH PHỐ')).toMatch(/<w:b\/>/);
    const placeDate = runOf(xml, 'Hà Nội, ngày 05 tháng 02 năm 2026');
    expect(placeDate).toMatch(/<w:i\/>/);
    expect(runOf(xml, 'Số: 1234/VPUB-ĐĐ')).toContain('w:val="26"');
    expect(runOf(xml, 'V/v đôn đốc thực hiện các nhiệm vụ quá hạn')).toContain('w:val="25"');
    const recipients = runOf(xml, 'Nơi nhận:');
    expect(recipients).toMatch(/<w:b\/>/);
    expect(recipients).toMatch(/<w:i\/>/);
    expect(recipients).toContain('w:val="24"');
    expect(runOf(xml, '- Lưu: VT.')).toContain('w:val="22"');
    for (const s of ['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Trần Minh Đức']) {
      expect(runOf(xml, s)).toMatch(/<w:b\/>/);
      expect(runOf(xml, s)).toContain('w:val="27"');
    }
    // Every run names Times New Roman; the body is 13 pt.
    const fonts = new Set([...xml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
    expect(runOf(xml, letter.body[0]!.kind === 'paragraph' ? letter.body[0]!.text : '')).toContain('w:val="26"');
    // The short line under the issuing body is a bordered, indented empty paragraph.
    expect(xml).toMatch(/<w:pBdr><w:top w:val="single"/);
    // A4 with margins 20/20/30/15 mm; a different first page, whose header is empty.
    expect(xml).toMatch(/<w:pgMar [^>]*w:top="1134"[^>]*w:left="1701"/);
    expect(xml).toContain('<w:titlePg');
    expect(headers.filter((h) => h.includes('PAGE'))).toHaveLength(1);
    expect(headers.some((h) => !h.includes('PAGE') && !h.includes('<w:t'))).toBe(true);
    // The task table: its content column gets the room (74 % of the width, in fiftieths of a percent).
    expect(xml).toContain('<w:tcW w:type="pct" w:w="3700"/>');
  });

  it('PDF: the same blocks in the embedded serif, the number on page 2 and not on page 1', async () => {
    const pdf = await officialPdf(letter);
    const pages = pdfPages(pdf).filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const first = flat(pages[0]!);
    for (const s of [
      'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
      'VĂN PHÒNG UBND THÀNH PHỐ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 1234/VPUB-ĐĐ',
      'V/v đôn đốc thực hiện các nhiệm vụ quá hạn',
      'Hà Nội, ngày 05 tháng 02 năm 2026',
      'Kính gửi: Sở Xây dựng',
    ])
      expect(first).toContain(s);
    expect(first.trimStart().startsWith('ỦY BAN')).toBe(true);
    expect(pages[1]!.trim().split('\n')[0]).toBe('2');
    const last = flat(pages[pages.length - 1]!);
    for (const s of ['Nơi nhận:', '- Lưu: VT.', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Trần Minh Đức'])
      expect(last).toContain(s);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) {
      expect(f).toMatch(/LiberationSerif/);
      expect(f).toMatch(/\byes\b.*\byes\b/); // embedded (subset)
    }
    expect(fonts.some((f) => /LiberationSerif-Bold\b/.test(f))).toBe(true);
    expect(fonts.some((f) => /LiberationSerif-Italic\b/.test(f))).toBe(true);
  });
});

describe('reports as official documents, through HTTP', () => {
  let h: TestApp;
  let headId: number;
  beforeAll(async () => {
    h = await createTestApp({ today: '2026-12-02' });
    const u = (code: string) => h.t.org.unitIds.get(code)!;
    const ids = await insertOpenTasks(h.t.db, {
      assignerUnitId: u('UBND'),
      assignedOn: '2026-09-01',
      count: 2,
      leadUnitId: u('SXD'),
      deadline: '2026-11-10',
      content: 'Hoàn thành thẩm định đồ án quy hoạch',
    });
    await h.t.db.updateTable('tasks').set({ urge_count: 3 }).where('id', '=', ids[0]!).execute();
    const admin = await h.as('admin');
    const signer = (kind: string, fullName: string) =>
      admin.post('/api/signers', {
        documentKind: kind,
        authority: 'KT.',
        onBehalfOf: 'Chánh Văn phòng',
        title: 'Phó Chánh Văn phòng',
        fullName,
        isDefault: true,
        active: true,
      });
    expect((await signer('review', 'Đỗ Văn Hùng')).status).toBe(201);
    headId = (await signer('briefing', 'Phạm Quang Vinh')).body.id;
  });
  afterAll(async () => h?.close());

  it('the briefing: BÁO CÁO with number, subject, the overdue-after-urgings list, head and preparer', async () => {
    const officer = await h.as('chuyenvien');
    const json = await officer.get('/api/inspections/briefing?month=2026-11');
    expect(json.body.overdueAfterUrgings.urgings).toBe(3);
    expect(json.body.overdueAfterUrgings.items).toHaveLength(1);
    const download = async (format: string) => {
      const res = await officer.download(
        `/api/inspections/briefing?month=2026-11&format=${format}&signerId=${headId}&numberSymbol=${encodeURIComponent('45/BC-VPUB')}`,
      );
      expect(res.status).toBe(200);
      return res.bytes;
    };
    const text = flat(pdfPages(await download('pdf')).join('\n'));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 45/BC-VPUB',
      'BÁO CÁO',
      'Tình hình thực hiện nhiệm vụ và kết quả kiểm tra công vụ tháng 11/2026',
      'Nhiệm vụ vẫn quá hạn sau 3 lần đôn đốc',
      'Hoàn thành thẩm định đồ án quy hoạch',
      'Nơi nhận:',
      'KT. CHÁNH VĂN PHÒNG',
      'Phạm Quang Vinh',
      'NGƯỜI LẬP BÁO CÁO',
      'Nguyễn Thị Hương',
    ])
      expect(text).toContain(s);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const { document: xml } = await docxParts(await download('docx'));
    expect(runOf(xml, 'BÁO CÁO')).toContain('w:val="28"');
    expect(runOf(xml, 'Phạm Quang Vinh')).toMatch(/<w:b\/>/);
  });

  it('the review: official header and signers in PDF; Excel with A4 landscape print setup and repeated headings', async () => {
    const officer = await h.as('chuyenvien');
    const get = async (format: string) => {
      const res = await officer.download(`/api/reports/review/export?period=month&year=2026&index=11&format=${format}`);
      expect(res.status).toBe(200);
      return res.bytes;
    };
    const pdf = await get('pdf');
    const text = flat(pdfPages(pdf).join('\n'));
    for (const s of ['VĂN PHÒNG', 'BÁO CÁO', 'Kiểm điểm kết quả thực hiện nhiệm vụ', 'Đỗ Văn Hùng', 'NGƯỜI LẬP BIỂU'])
      expect(text).toContain(s);
    for (const f of pdfFonts(pdf)) expect(f).toMatch(/LiberationSerif/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get('xlsx')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kiểm điểm')!;
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe('8:10');
    expect(ws.getCell('A1').value).toBeTruthy();
    const values = ws
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string') as string[];
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'Nơi nhận:', 'Đỗ Văn Hùng', 'NGƯỜI LẬP BIỂU'])
      expect(values).toContain(s);
    expect(values.some((v) => v.startsWith('Số: '))).toBe(true);
    expect(wb.getWorksheet('Nhiệm vụ quá hạn')!.pageSetup.printTitlesRow).toBe('4:4');
  });

  it('names the organisation from its setting: public to read, on the portal and on new letters', async () => {
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/settings/organisation' });
    expect(anonymous.json()).toMatchObject({ name: 'Ủy ban nhân dân thành phố Hà Nội', place: 'Hà Nội' });
    const admin = await h.as('admin');
    const changed = {
      name: 'Ủy ban nhân dân thành phố Hải Phòng',
      shortName: 'UBND thành phố',
      parentName: null,
      place: 'Hải Phòng',
    };
    expect((await admin.request('PUT', '/api/settings/organisation', changed)).status).toBe(200);
    expect((await (await h.as('chuyenvien')).request('PUT', '/api/settings/organisation', changed)).status).toBe(403);
    const portal = await h.app.inject({ method: 'GET', url: '/portal/feedback' });
    expect(portal.body).toContain('Ủy ban nhân dân thành phố Hải Phòng');
    expect(portal.body).not.toContain('Hà Nội');
    expect(portal.body).not.toContain('\u0000');
    const letter = await (await h.as('chuyenvien')).post('/api/urging-letters', { unitId: h.t.org.unitIds.get('SXD') });
    expect(letter.status).toBe(201);
    expect(letter.body.place).toBe('Hải Phòng');
  });
});
