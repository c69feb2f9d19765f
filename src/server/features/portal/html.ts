/**
 * Server-rendered HTML for the public portal. Every interpolated value is escaped unless it is
 * already `SafeHtml` built by this module, so untrusted text (feedback, names) can never
 * become markup; the Content-Security-Policy sent with each page forbids scripts as a
 * second line of defence.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

type Part = SafeHtml | string | number | null | undefined | false | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return esc(part);
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` fragments pass through. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Multi-line untrusted text: escaped, line breaks kept. */
export const paragraphs = (text: string): SafeHtml =>
  new SafeHtml(
    text
      .split(/\r?\n\s*\r?\n/)
      .map((p) => `<p>${esc(p).replace(/\r?\n/g, '<br>')}</p>`)
      .join(''),
  );

export const vnDate = (iso: string | Date | null | undefined): string => {
  if (!iso) return '—';
  const s = iso instanceof Date ? iso.toISOString().slice(0, 10) : iso.slice(0, 10);
  return s.split('-').reverse().join('/');
};

export const percent = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1).replace('.', ',')}%`);

/** Query-string link that keeps the language. */
export function href(path: string, params: Record<string, string | number | undefined>, lang: 'vi' | 'en'): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  if (lang === 'en') search.set('lang', 'en');
  const q = search.toString();
  return q ? `${path}?${q}` : path;
}

export const PORTAL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const CSS = `body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f1f1f;background:#f6f7f9}
header{background:#a61d24;color:#fff;padding:12px 16px}header a{color:#fff}header strong{font-size:18px}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;margin-top:6px}nav a{text-decoration:none;font-size:15px}
main{max-width:960px;margin:0 auto;padding:16px}section,article{background:#fff;border:1px solid #e5e5e5;border-radius:6px;padding:12px 16px;margin:0 0 16px}
h1{font-size:22px;margin:8px 0 12px}h2{font-size:18px;margin:8px 0}table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #eee;padding:6px;text-align:left;vertical-align:top}td.n,th.n{text-align:right}
.muted{color:#666;font-size:14px}.method{background:#fffbe6;border-color:#ffe58f;font-size:14px}.error{background:#fff1f0;border-color:#ffa39e}
.ok{background:#f6ffed;border-color:#b7eb8f}label{display:block;margin:8px 0 2px;font-weight:600}
input[type=text],input[type=tel],input[type=search],input[type=number],textarea{width:100%;box-sizing:border-box;padding:8px;font:inherit;border:1px solid #bbb;border-radius:4px}
button{padding:8px 16px;font:inherit;background:#a61d24;color:#fff;border:0;border-radius:4px;cursor:pointer}
.hp{position:absolute;left:-9999px}.tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:13px;background:#eee}
.tag.overdue{background:#fff1f0;color:#a8071a}.tag.completed{background:#f6ffed;color:#237804}
footer{max-width:960px;margin:0 auto;padding:8px 16px 32px;color:#666;font-size:13px}`;

export interface LayoutLabels {
  siteName: string;
  nav: { href: string; label: string }[];
  switchLanguage: { href: string; label: string };
  footer: string;
}

export function layout(lang: 'vi' | 'en', title: string, labels: LayoutLabels, body: SafeHtml): string {
  return `<!doctype html>${
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title} — ${labels.siteName}</title>
        <style>
          ${new SafeHtml(CSS)}
        </style>
      </head>
      <body>
        <header>
          <a href="${labels.nav[0]!.href}"><strong>${labels.siteName}</strong></a>
          <nav>
            ${labels.nav.map((n) => html`<a href="${n.href}">${n.label}</a>`)}<a
              href="${labels.switchLanguage.href}"
              lang="${lang === 'vi' ? 'en' : 'vi'}"
              >${labels.switchLanguage.label}</a
            >
          </nav>
        </header>
        <main>${body}</main>
        <footer>${labels.footer}</footer>
      </body>
    </html>`.value
  }`;
}
