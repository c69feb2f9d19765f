import zlib from 'node:zlib';

/**
 * Extracts the text of a PDF written by pdfkit/pdfmake, for tests: inflates the streams, reads
 * each embedded font's ToUnicode map and decodes the hex strings of the text operators with
 * the font selected at that point. Not a general PDF reader; enough to check what is printed.
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const m of src.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (at >= 0) {
      dict = body.slice(0, at);
      const start = body[at + 6] === '\r' ? at + 8 : at + 7;
      // The dictionary's /Length is exact; trimming an end-of-line instead would cut a
      // compressed stream whose last byte happens to be a line feed.
      const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
      const end = length ? start + Number(length[1]) : body.lastIndexOf('endstream');
      const raw = Buffer.from(length ? body.slice(start, end) : body.slice(start, end).replace(/\r?\n$/, ''), 'latin1');
      stream = dict.includes('/FlateDecode') ? zlib.inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  const cmapOfObject = new Map<number, Map<number, string>>();
  const fontByName = new Map<string, Map<number, string>>();
  for (const [, o] of objects) {
    for (const f of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(Number(f[2]));
      const tu = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
      if (!tu) continue;
      const cmapObj = Number(tu[1]);
      if (!cmapOfObject.has(cmapObj))
        cmapOfObject.set(cmapObj, parseCmap(objects.get(cmapObj)?.stream?.toString('latin1') ?? ''));
      fontByName.set(f[1]!, cmapOfObject.get(cmapObj)!);
    }
  }
  const lines: string[] = [];
  for (const [, o] of objects) {
    const text = o.stream?.toString('latin1') ?? '';
    if (!/\bTf\b/.test(text) || text.includes('begincmap')) continue;
    lines.push(...decodeContent(text, fontByName));
  }
  return lines.join('\n');
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    let s = '';
    for (let i = 0; i < hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(from + i, utf16(d[1]!)));
      } else {
        const base = parseInt(dst.slice(1, -1), 16);
        for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(base + (c - from)));
      }
    }
  }
  return map;
}

/** One output line per run of text objects (BT … ET), decoding the hex strings with the current font. */
function decodeContent(content: string, fonts: Map<string, Map<number, string>>): string[] {
  const lines: string[] = [];
  let font: Map<number, string> | undefined;
  let current = '';
  for (const m of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g)) {
    if (m[1]) font = fonts.get(m[1]);
    else if (m[0] === 'ET') {
      // pdfmake writes a line word by word, each word with its trailing space: keep them together.
      if (current && !current.endsWith(' ')) {
        lines.push(current);
        current = '';
      }
    } else {
      const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [m[3]!];
      for (const hex of hexes)
        for (let i = 0; i < hex.length; i += 4) current += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
    }
  }
  return lines;
}
