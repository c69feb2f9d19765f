/**
 * Recognising unit names in Vietnamese administrative text: in full, abbreviated (Sở KH&ĐT,
 * Sở TN&MT, UBND TP), without diacritics, and as collective phrases ("các sở, ban, ngành",
 * "UBND các quận, huyện, thị xã", "UBND các xã, phường") expanded to the units alive then.
 * Pure: the caller passes the units.
 */
export interface NamedUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface UnitMention {
  unitIds: number[];
  /** Where the mention starts and ends in the folded text. */
  start: number;
  end: number;
  collective: boolean;
}

/** Folds diacritics and case, and writes out the abbreviations of administrative names. */
export function foldText(text: string): string {
  return ` ${text}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\bubnd\b/g, 'uy ban nhan dan')
    .replace(/\bhdnd\b/g, 'hoi dong nhan dan')
    .replace(/\btp\b\.?/g, 'thanh pho')
    .replace(/\btx\b\.?/g, 'thi xa')
    .replace(/\bthanh pho ha noi\b/g, 'thanh pho')
    .replace(/[^\p{L}\p{N}&/\-.,;:()\n]+/gu, ' ')
    .replace(/ +/g, ' ');
}

/** "Kế hoạch và Đầu tư" → "khdt"; "Lao động - Thương binh và Xã hội" → "ldtbxh". */
function initials(words: string): string {
  return foldText(words)
    .split(/[\s\-&]+/)
    .filter((w) => w && w !== 'va')
    .map((w) => w[0])
    .join('');
}

/** A folded name whose separators may be written otherwise: "Lao động - Thương binh", "Lao động, Thương binh"; "và" or "&". */
function looseName(folded: string): string {
  return folded
    .split(/[\s,\-–]+/)
    .filter(Boolean)
    .map((w) => (w === 'va' ? '(?:va|&)' : escape(w)))
    .join('[\\s,\\-–]+');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Alias {
  pattern: RegExp;
  unitIds: number[];
  collective: boolean;
}

/** The names by which each unit is written, longest first so "Sở Xây dựng" wins over "Xây dựng". */
export function buildAliases(units: readonly NamedUnit[]): Alias[] {
  const aliases: { text: string; unitIds: number[]; collective: boolean; regex?: string }[] = [];
  for (const u of units) {
    const full = foldText(u.name).trim();
    const forms = new Set([full, full.replace(/ thanh pho$/, ''), full.replace(/ ha noi$/, '')]);
    const head = /^(so|ban|cuc) (.+)$/.exec(full);
    if (head && head[2]!.split(' ').length >= 2) {
      const abbr = initials(u.name.replace(/^\S+\s+/, ''));
      const letters = abbr.split('').map(escape).join('[&\\-. ]?');
      aliases.push({ text: `${head[1]} ${abbr}`, unitIds: [u.id], collective: false, regex: `${head[1]} ${letters}` });
    }
    if (u.kind === 'district' || u.kind === 'commune') {
      const place = full.replace(/^(quan|huyen|thi xa|phuong|xa|thi tran) /, '');
      forms.add(`uy ban nhan dan ${full}`);
      if (u.kind === 'district') forms.add(`uy ban nhan dan quan ${place}`).add(`uy ban nhan dan huyen ${place}`);
    }
    if (u.code === 'UBND') forms.add('uy ban nhan dan thanh pho');
    for (const f of forms)
      if (f.split(' ').length >= 2) aliases.push({ text: f, unitIds: [u.id], collective: false, regex: looseName(f) });
  }
  const ofKind = (...kinds: string[]) => units.filter((u) => kinds.includes(u.kind)).map((u) => u.id);
  const departments = ofKind('department');
  aliases.push(
    { text: '', regex: 'cac so,? ban,? nganh( thanh pho)?', unitIds: departments, collective: true },
    { text: '', regex: 'cac so,? nganh( thanh pho)?', unitIds: departments, collective: true },
    {
      text: '',
      regex: '(uy ban nhan dan )?cac quan,? huyen(,? thi xa)?',
      unitIds: ofKind('district'),
      collective: true,
    },
    {
      text: '',
      regex: '(uy ban nhan dan )?cac (xa,? phuong|phuong,? xa)(,? dac khu)?',
      unitIds: ofKind('commune', 'ward'),
      collective: true,
    },
  );
  return aliases
    .map((a) => ({
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])(${a.regex ?? escape(a.text)})(?![\\p{L}\\p{N}])`, 'gu'),
      unitIds: a.unitIds,
      collective: a.collective,
      length: a.text.length || (a.regex ?? '').length,
    }))
    .sort((x, y) => y.length - x.length);
}

/** The units named in a folded text, in the order they appear, overlapping mentions dropped. */
export function findUnits(folded: string, aliases: readonly Alias[]): UnitMention[] {
  const found: UnitMention[] = [];
  for (const a of aliases) {
    for (const m of folded.matchAll(a.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ unitIds: a.unitIds, start, end, collective: a.collective });
    }
  }
  return found.sort((x, y) => x.start - y.start);
}
