import fs from 'node:fs';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { inProject } from '../../paths.js';

/**
 * PDF output with an embedded serif font, so official documents print as NĐ 30/2020/NĐ-CP
 * asks (Times New Roman) and Vietnamese diacritics render on any machine. Liberation Serif 2
 * has the metrics of Times New Roman and full Vietnamese coverage (SIL OFL 1.1); it ships in
 * `assets/fonts/` and is read once into pdfmake's virtual file system: no system font is
 * needed, and neither local files nor URLs named in a document are ever read (both access
 * policies deny everything).
 */
export const PDF_FONT = 'Liberation Serif';

let ready = false;

function setUp(): void {
  if (ready) return;
  const files = {
    normal: 'LiberationSerif-Regular.ttf',
    bold: 'LiberationSerif-Bold.ttf',
    italics: 'LiberationSerif-Italic.ttf',
    bolditalics: 'LiberationSerif-BoldItalic.ttf',
  };
  const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, content: Buffer): void } }).virtualfs;
  for (const file of Object.values(files))
    vfs.writeFileSync(file, fs.readFileSync(inProject('assets/fonts/liberation-serif', file)));
  pdfmake.setFonts({ [PDF_FONT]: files });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

/** Renders a pdfmake document definition (default font: the embedded one) to a buffer. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  setUp();
  const pdf = pdfmake.createPdf({ ...doc, defaultStyle: { font: PDF_FONT, ...(doc.defaultStyle ?? {}) } });
  return (pdf as unknown as { getBuffer(): Promise<Buffer> }).getBuffer();
}
