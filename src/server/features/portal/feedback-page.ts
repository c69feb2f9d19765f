import type { PublishedConclusion } from '../inspections/service.js';
import type { Challenge } from './challenge.js';
import { FEEDBACK_LIMITS } from './feedback.js';
import { href, html, vnDate } from './html.js';
import { PORTAL_TEXT, type Lang } from './i18n.js';
import { page } from './pages.js';

/** The seed's form (name, phone, title, content, check), with the sender's text kept on error. */
export interface FormValues {
  name?: string;
  phone?: string;
  title?: string;
  content?: string;
}

export function feedbackPage(
  lang: Lang,
  challenge: Challenge,
  values: FormValues,
  about: PublishedConclusion | null,
  error: { message: string; field?: string } | null,
): string {
  const t = PORTAL_TEXT[lang];
  const v = (s: string | undefined) => (typeof s === 'string' ? s : '');
  const body = html`<h1>${t.feedback}</h1>
    ${error ? html`<section class="error" role="alert" id="form-error"><strong>${t.errorTitle}:</strong> ${error.message}</section>` : ''}
    <section>
      <p>${t.feedbackIntro}</p>
      ${about ? html`<p>${t.about} <a href="${href(`/portal/conclusions/${about.id}`, {}, lang)}">${about.conclusionNumber}</a> (${about.unit.name}, ${vnDate(about.concludedOn)})</p>` : ''}
      <form method="post" action="${href('/portal/feedback', {}, lang)}" accept-charset="utf-8">
        ${about ? html`<input type="hidden" name="inspectionId" value="${about.id}" />` : ''}
        <label for="name">${t.name} ${t.required}</label
        ><input
          type="text"
          id="name"
          name="name"
          required
          minlength="2"
          maxlength="${FEEDBACK_LIMITS.name}"
          value="${v(values.name)}"
          autocomplete="name"
        />
        <label for="phone">${t.phone}</label
        ><input
          type="tel"
          id="phone"
          name="phone"
          maxlength="${FEEDBACK_LIMITS.phone}"
          value="${v(values.phone)}"
          autocomplete="tel"
        />
        <label for="title">${t.title} ${t.required}</label
        ><input
          type="text"
          id="title"
          name="title"
          required
          minlength="3"
          maxlength="${FEEDBACK_LIMITS.title}"
          value="${v(values.title)}"
        />
        <label for="content">${t.content} ${t.required}</label
        ><textarea id="content" name="content" required minlength="10" maxlength="${FEEDBACK_LIMITS.content}" rows="8">
${v(values.content)}</textarea>
        <div class="hp" aria-hidden="true">
          <label for="website">Website</label
          ><input type="text" id="website" name="website" tabindex="-1" autocomplete="off" />
        </div>
        <label for="challengeAnswer">${t.challenge} <span id="challenge-question">${challenge.question}</span></label>
        <input
          type="number"
          id="challengeAnswer"
          name="challengeAnswer"
          required
          inputmode="numeric"
          autocomplete="off"
          style="max-width:8em"
        />
        <input type="hidden" name="challengeToken" value="${challenge.token}" />
        <p><button type="submit">${t.send}</button></p>
      </form>
    </section>`;
  return page(lang, t.feedback, body);
}

export function feedbackSentPage(lang: Lang, id: number): string {
  const t = PORTAL_TEXT[lang];
  return page(
    lang,
    t.sent,
    html`<h1>${t.sent}</h1>
      <section class="ok" role="status"><p>${t.sentBody.replace('{id}', String(id))}</p></section>
      <p><a href="${href('/portal/answers', {}, lang)}">${t.answers}</a></p>`,
  );
}
