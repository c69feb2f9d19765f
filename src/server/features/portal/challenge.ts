import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { BadRequest, Conflict, Invalid } from '../../errors.js';
import { getSetting, putSetting } from '../settings/service.js';
import { consumeNonce } from './queries.js';

/**
 * The anti-bot challenge of the feedback form, without third-party services: a small sum the
 * person solves, carried in a token signed with a server secret (HMAC-SHA256) that names a
 * random nonce, the time it was issued and its expiry. The answer is not in the token: only
 * the HMAC of (token, answer) is, so it cannot be read off; each nonce is accepted once
 * (stored until it expires, so any app server rejects a replay); a form sent back faster than
 * a person can read it is refused. A wrong answer burns the token, so guessing costs a new
 * form each time, and the per-address rate limit caps the rest.
 */
export const CHALLENGE_TTL_MS = 30 * 60_000;
export const MIN_FILL_MS = 3_000;

export interface Challenge {
  question: string;
  token: string;
}

let cachedSecret: Buffer | null = null;

async function secret(ctx: AppContext): Promise<Buffer> {
  if (cachedSecret) return cachedSecret;
  let { key } = await getSetting(ctx.db, 'portal_challenge', { key: '' });
  if (!key) {
    key = randomBytes(32).toString('hex');
    await putSetting(ctx.db, 'portal_challenge', { key }, null);
  }
  cachedSecret = Buffer.from(key, 'hex');
  return cachedSecret;
}

const sign = (key: Buffer, payload: string, answer: number) =>
  createHmac('sha256', key).update(`${payload}|${answer}`).digest('base64url');

export async function issueChallenge(ctx: AppContext): Promise<Challenge> {
  const a = randomInt(2, 10);
  const b = randomInt(1, 10);
  const issued = ctx.clock.now().getTime();
  const payload = Buffer.from(
    JSON.stringify({ n: randomBytes(12).toString('base64url'), i: issued, e: issued + CHALLENGE_TTL_MS }),
  ).toString('base64url');
  return { question: `${a} + ${b} = ?`, token: `${payload}.${sign(await secret(ctx), payload, a + b)}` };
}

const missing = () =>
  new BadRequest(
    { vi: 'Thiếu mã xác nhận. Hãy tải lại biểu mẫu.', en: 'The check is missing. Reload the form.' },
    'challenge',
  );

/** Checks and consumes a challenge; throws a typed error the form shows in the person's words. */
export async function verifyChallenge(
  ctx: AppContext,
  token: string | undefined,
  answerText: string | undefined,
): Promise<void> {
  if (!token || answerText === undefined || answerText.trim() === '') throw missing();
  const [payload, mac] = token.split('.');
  let claims: { n: string; i: number; e: number };
  try {
    claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    if (typeof claims.n !== 'string' || typeof claims.i !== 'number' || typeof claims.e !== 'number' || !mac)
      throw new Error('shape');
  } catch {
    throw new BadRequest(
      { vi: 'Mã xác nhận không hợp lệ. Hãy tải lại biểu mẫu.', en: 'The check is not valid. Reload the form.' },
      'challenge',
    );
  }
  const now = ctx.clock.now().getTime();
  if (now > claims.e)
    throw new Invalid(
      { vi: 'Mã xác nhận đã hết hạn. Hãy làm lại phép tính mới.', en: 'The check has expired. Solve the new one.' },
      'challenge',
    );
  if (now - claims.i < MIN_FILL_MS)
    throw new Invalid(
      { vi: 'Biểu mẫu được gửi quá nhanh. Vui lòng thử lại.', en: 'The form was sent too fast. Please try again.' },
      'challenge',
    );
  const key = await secret(ctx);
  // The nonce is spent before the answer is judged: a wrong guess burns the token.
  const firstUse = await consumeNonce(ctx.db, claims.n, new Date(claims.e), new Date(now));
  if (!firstUse)
    throw new Conflict({
      vi: 'Mã xác nhận đã được dùng. Hãy làm lại phép tính mới.',
      en: 'This check was already used. Solve the new one.',
    });
  const answer = Number(answerText.trim());
  const expected = Buffer.from(sign(key, payload!, Number.isInteger(answer) ? answer : -1));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given) || !Number.isInteger(answer)) {
    throw new Invalid(
      { vi: 'Kết quả phép tính chưa đúng. Hãy làm lại phép tính mới.', en: 'Wrong result. Solve the new one.' },
      'challenge',
    );
  }
}
