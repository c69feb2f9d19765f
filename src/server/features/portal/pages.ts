import type { PublishedConclusion } from '../inspections/service.js';
import type { statistics } from '../stats/service.js';
import type { publishedAnswers } from './feedback.js';
import { href, html, layout, paragraphs, percent, vnDate, type SafeHtml } from './html.js';
import { PORTAL_TEXT, type Lang, type PortalText } from './i18n.js';
import type { Period } from './public-data.js';

/** The portal's pages: plain data in, a complete HTML document out. */
type Stats = Awaited<ReturnType<typeof statistics>>;
type Answer = Awaited<ReturnType<typeof publishedAnswers>>[number];
type Row = Stats['rows'][number];

export function page(lang: Lang, title: string, body: SafeHtml): string {
  const t = PORTAL_TEXT[lang];
  return layout(
    lang,
    title,
    {
      siteName: t.siteName,
      nav: [
        { href: href('/portal', {}, lang), label: t.home },
        { href: href('/portal/conclusions', {}, lang), label: t.conclusions },
        { href: href('/portal/units', {}, lang), label: t.units },
        { href: href('/portal/answers', {}, lang), label: t.answers },
        { href: href('/portal/feedback', {}, lang), label: t.feedback },
      ],
      switchLanguage: { href: lang === 'vi' ? '?lang=en' : '?', label: t.switchLanguage },
      footer: t.footer,
    },
    body,
  );
}

export function searchForm(lang: Lang, q = ''): SafeHtml {
  const t = PORTAL_TEXT[lang];
  return html`<form action="/portal/search" method="get" role="search">
    <label for="q">${t.search}</label>
    <input
      type="search"
      id="q"
      name="q"
      value="${q}"
      maxlength="200"
      placeholder="${t.searchPlaceholder}"
    />${lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    <p><button type="submit">${t.search}</button></p>
  </form>`;
}

const followTag = (t: PortalText, f: keyof PortalText['followUp']) =>
  html`<span class="tag ${f}">${t.followUp[f]}</span>`;

export function conclusionCard(lang: Lang, c: PublishedConclusion): SafeHtml {
  const t = PORTAL_TEXT[lang];
  const firstLine = c.conclusion.split(/\r?\n/)[0] ?? '';
  return html`<article>
    <h2><a href="${href(`/portal/conclusions/${c.id}`, {}, lang)}">${c.unit.name}</a></h2>
    <p class="muted">
      ${t.conclusionNo} ${c.conclusionNumber} ${t.concludedOn} ${vnDate(c.concludedOn)} · ${t.publishedOn}
      ${vnDate(c.publishedAt as Date | null)}
    </p>
    <p>${firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine}</p>
  </article>`;
}

export function conclusionPage(lang: Lang, c: PublishedConclusion): string {
  const t = PORTAL_TEXT[lang];
  const body = html`<h1>${t.conclusions}: ${c.unit.name}</h1>
    <article>
      <p class="muted">
        ${t.conclusionNo} ${c.conclusionNumber} ${t.concludedOn} ${vnDate(c.concludedOn)} ·
        ${c.assignerUnit?.name ?? ''} · ${t.publishedOn} ${vnDate(c.publishedAt as Date | null)}
      </p>
      <p>
        ${t.plan}: ${c.plan.title}<br />${t.periodInspected}: ${vnDate(c.plan.periodFrom)} – ${vnDate(c.plan.periodTo)}
      </p>
      <h2>${t.findings}</h2>
      ${paragraphs(c.findings)}
      <h2>${t.conclusion}</h2>
      ${paragraphs(c.conclusion)}
      <h2>${t.recommendations}</h2>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>${t.recommendations}</th>
            <th>${t.deadline}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${c.recommendations.map(
            (r, i) =>
              html`<tr>
                <td>${i + 1}</td>
                <td>${r.content}</td>
                <td>${vnDate(r.deadline)}</td>
                <td>${followTag(t, r.followUp)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </article>
    <p>
      <a href="${href('/portal/feedback', { about: c.id }, lang)}">${t.feedback}</a> ·
      <a href="${href(`/portal/units/${c.unit.id}`, {}, lang)}">${t.units}: ${c.unit.name}</a>
    </p>`;
  return page(lang, `${t.conclusionNo} ${c.conclusionNumber ?? ''}`, body);
}

export function answerCard(lang: Lang, a: Answer): SafeHtml {
  const t = PORTAL_TEXT[lang];
  return html`<article id="answer-${a.id}">
    <h2>${a.title}</h2>
    <p class="muted">
      ${t.sender}: ${a.name} ·
      ${vnDate(a.publishedAt as Date | null)}${a.about ? html` · ${t.about} <a href="${href(`/portal/conclusions/${a.about.id}`, {}, lang)}">${a.about.conclusionNumber}</a>` : ''}
    </p>
    <h3>${t.question}</h3>
    ${paragraphs(a.content)}
    <h3>${t.answer}</h3>
    ${paragraphs(a.answer)}
  </article>`;
}

function statsRow(
  lang: Lang,
  r: Pick<
    Row,
    'label' | 'assigned' | 'onTime' | 'late' | 'inProgress' | 'overdue' | 'onTimeRate' | 'completionOfDueRate'
  >,
  link: string | null,
): SafeHtml {
  return html`<tr>
    <td>${link ? html`<a href="${href(link, {}, lang)}">${r.label}</a>` : html`<strong>${r.label}</strong>`}</td>
    <td class="n">${r.assigned}</td>
    <td class="n">${r.onTime}</td>
    <td class="n">${r.late}</td>
    <td class="n">${r.inProgress}</td>
    <td class="n">${r.overdue}</td>
    <td class="n">${percent(r.onTimeRate)}</td>
    <td class="n">${percent(r.completionOfDueRate)}</td>
  </tr>`;
}

function statsHeader(t: PortalText, first: string): SafeHtml {
  return html`<thead>
    <tr>
      <th>${first}</th>
      <th class="n"><a href="#m-assigned">${t.assignedDue}</a></th>
      <th class="n"><a href="#m-categories">${t.onTime}</a></th>
      <th class="n"><a href="#m-categories">${t.late}</a></th>
      <th class="n"><a href="#m-categories">${t.inProgress}</a></th>
      <th class="n"><a href="#m-categories">${t.overdue}</a></th>
      <th class="n"><a href="#m-ontime">${t.onTimeRate}</a></th>
      <th class="n"><a href="#m-completion">${t.completionOfDueRate}</a></th>
    </tr>
  </thead>`;
}

/** The method behind every number on the page, with its cut-off. */
export function methodBox(lang: Lang, s: Pick<Stats, 'asOf' | 'method'>): SafeHtml {
  const t = PORTAL_TEXT[lang];
  const m = s.method;
  return html`<section class="method" id="method">
    <h2>${t.methodTitle}</h2>
    <p id="m-assigned">${t.methodScope} ${t.cutoff} ${vnDate(s.asOf)}.</p>
    <p id="m-categories">${m.asOf[lang]} ${m.completion[lang]} ${m.extension[lang]}</p>
    <ul>
      <li id="m-ontime">${m.rates.onTimeRate[lang]}</li>
      <li id="m-completion">${m.rates.completionOfDueRate[lang]}</li>
      <li>${m.rates.completionRate[lang]}</li>
      <li>${m.rates.overdueRate[lang]}</li>
    </ul>
    <p class="muted">${t.methodCache}</p>
  </section>`;
}

export function periodNav(lang: Lang, path: string, p: Period, today: string): SafeHtml {
  const t = PORTAL_TEXT[lang];
  const y = today.slice(0, 4);
  const q = `${y}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  return html`<p>
    ${t.period}: <strong>${p.key}</strong> (${vnDate(p.start)} – ${vnDate(p.end)}) ·
    <a href="${href(path, { period: p.prev }, lang)}">← ${t.prev}</a
    >${p.start <= today ? html` · <a href="${href(path, { period: p.next }, lang)}">${t.next} →</a>` : ''} ·
    <a href="${href(path, { period: today.slice(0, 7) }, lang)}">${t.monthly}</a> ·
    <a href="${href(path, { period: q }, lang)}">${t.quarterly}</a> ·
    <a href="${href(path, { period: y }, lang)}">${t.yearly}</a>
  </p>`;
}

export function unitsPage(lang: Lang, p: Period, s: Stats, unitIds: Set<number>, today: string): string {
  const t = PORTAL_TEXT[lang];
  const rows = s.rows
    .filter((r) => typeof r.key === 'number' && unitIds.has(r.key))
    .sort((a, b) => String(a.label).localeCompare(String(b.label), 'vi'));
  const body = html`<h1>${t.units}</h1>
    ${periodNav(lang, '/portal/units', p, today)}
    <p class="muted">${t.cutoff} ${vnDate(s.asOf)}</p>
    <section>
      <table>
        ${statsHeader(t, t.unit)}
        <tbody>
          ${statsRow(lang, { ...s.totals, label: t.cityTotal }, null)}${rows.map((r) => statsRow(lang, r, `/portal/units/${r.key}`))}
        </tbody>
      </table>
    </section>
    ${methodBox(lang, s)}`;
  return page(lang, t.units, body);
}

export function unitPage(
  lang: Lang,
  unit: { id: number; name: string },
  history: { period: string; stats: Stats }[],
  conclusions: PublishedConclusion[],
): string {
  const t = PORTAL_TEXT[lang];
  const empty = {
    assigned: 0,
    onTime: 0,
    late: 0,
    inProgress: 0,
    overdue: 0,
    onTimeRate: null,
    completionOfDueRate: null,
  };
  const rows = history.map((h) => ({ ...(h.stats.rows.find((r) => r.key === unit.id) ?? empty), label: h.period }));
  const body = html`<h1>${unit.name}</h1>
    <h2>${t.history}</h2>
    <section>
      <table>
        ${statsHeader(t, t.period)}
        <tbody>
          ${rows.map((r) => statsRow(lang, r, null))}
        </tbody>
      </table>
    </section>
    <h2>${t.conclusions}</h2>
    ${conclusions.length ? conclusions.map((c) => conclusionCard(lang, c)) : html`<p>${t.noResults}</p>`}
    ${history[0] ? methodBox(lang, history[0].stats) : ''}`;
  return page(lang, unit.name, body);
}

export function homePage(
  lang: Lang,
  conclusions: PublishedConclusion[],
  answers: Answer[],
  p: Period,
  s: Stats,
): string {
  const t = PORTAL_TEXT[lang];
  const body = html`<section>${searchForm(lang)}</section>
    <h1>${t.latestConclusions}</h1>
    ${conclusions.length ? conclusions.map((c) => conclusionCard(lang, c)) : html`<p>${t.noResults}</p>`}
    <p><a href="${href('/portal/conclusions', {}, lang)}">${t.conclusions} →</a></p>
    <h1>${t.units}</h1>
    <section>
      <p>${t.period} ${p.key}, ${t.cutoff.toLowerCase()} ${vnDate(s.asOf)}:</p>
      <table>
        ${statsHeader(t, '')}
        <tbody>
          ${statsRow(lang, { ...s.totals, label: t.cityTotal }, '/portal/units')}
        </tbody>
      </table>
      <p class="muted"><a href="${href('/portal/method', {}, lang)}">${t.method}</a></p>
    </section>
    <h1>${t.latestAnswers}</h1>
    ${answers.map((a) => answerCard(lang, a))}
    <p>
      <a href="${href('/portal/answers', {}, lang)}">${t.answers} →</a> ·
      <a href="${href('/portal/feedback', {}, lang)}">${t.feedback} →</a>
    </p>`;
  return page(lang, t.home, body);
}

export function listPage(
  lang: Lang,
  title: string,
  items: SafeHtml[],
  more: { path: string; params: Record<string, string | number | undefined> } | null,
  before?: SafeHtml,
): string {
  const t = PORTAL_TEXT[lang];
  const body = html`<h1>${title}</h1>
    ${before ?? ''}${items.length ? items : html`<p>${t.noResults}</p>`}${more ? html`<p><a href="${href(more.path, more.params, lang)}">${t.next} →</a></p>` : ''}`;
  return page(lang, title, body);
}

export function searchPage(
  lang: Lang,
  q: string,
  conclusions: PublishedConclusion[],
  units: { id: number; name: string }[],
  answers: Answer[],
): string {
  const t = PORTAL_TEXT[lang];
  const nothing = conclusions.length + units.length + answers.length === 0;
  const body = html`<h1>${t.searchResults}</h1>
    <section>${searchForm(lang, q)}</section>
    ${nothing ? html`<p>${t.noResults}</p>` : ''}
    ${
      units.length
        ? html`<h2>${t.units}</h2>
            <ul>
              ${units.map((u) => html`<li><a href="${href(`/portal/units/${u.id}`, {}, lang)}">${u.name}</a></li>`)}
            </ul>`
        : ''
    }
    ${
      conclusions.length
        ? html`<h2>${t.conclusions}</h2>
            ${conclusions.map((c) => conclusionCard(lang, c))}`
        : ''
    }
    ${
      answers.length
        ? html`<h2>${t.answers}</h2>
            ${answers.map((a) => answerCard(lang, a))}`
        : ''
    }`;
  return page(lang, t.searchResults, body);
}

export function methodPage(lang: Lang, s: Stats): string {
  const t = PORTAL_TEXT[lang];
  return page(
    lang,
    t.method,
    html`<h1>${t.method}</h1>
      ${methodBox(lang, s)}`,
  );
}

export function messagePage(lang: Lang, title: string, message: string, kind: 'error' | 'ok' = 'error'): string {
  return page(
    lang,
    title,
    html`<h1>${title}</h1>
      <section class="${kind}"><p>${message}</p></section>
      <p><a href="${href('/portal', {}, lang)}">${PORTAL_TEXT[lang].home}</a></p>`,
  );
}
