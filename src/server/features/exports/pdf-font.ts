import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

/**
 * PDF output with an embedded Unicode font, so Vietnamese diacritics render on any machine.
 * We embed Roboto as shipped inside the pdfmake package (it covers the Vietnamese range), read
 * once into pdfmake's virtual file system: no system font is needed, and neither local files
 * nor URLs named in a document are ever read (both access policies deny everything).
 */
export const PDF_FONT = 'Roboto';

let ready = false;

function setUp(): void {
  if (ready) return;
  const require = createRequire(import.meta.url);
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const files = {
    normal: 'Roboto-Regular.ttf',
    bold: 'Roboto-Medium.ttf',
    italics: 'Roboto-Italic.ttf',
    bolditalics: 'Roboto-MediumItalic.ttf',
  };
  const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, content: Buffer): void } }).virtualfs;
  for (const file of Object.values(files)) vfs.writeFileSync(file, fs.readFileSync(path.join(fontDir, file)));
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
