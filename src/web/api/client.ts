import { getLanguage, pickLanguage } from '../i18n';
import type { BilingualText } from './types';

/** One validation problem the server found, e.g. `{field: 'tasks.0.content', message}`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** An API failure, its message already in the user's language. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field?: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

/** The CSRF token that came with login or /me; every cookie-authenticated write sends it. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

/** `{a: 1, b: undefined, c: ''}` → `?a=1` (empty values are left out). */
export function toQueryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as [string, QueryValue][]) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      getLanguage() === 'en'
        ? 'Cannot reach the server. Check the connection and try again.'
        : 'Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.',
      0,
      'network',
    );
  }
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : null;
  if (!response.ok) throw toApiError(response.status, data);
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: BilingualText | string;
    field?: string;
    issues?: { field?: string; message?: BilingualText | string }[];
  };
}

function messageText(message: BilingualText | string | undefined): string {
  if (!message) return '';
  return typeof message === 'string' ? message : pickLanguage(getLanguage(), message);
}

function toApiError(status: number, data: unknown): ApiError {
  const error = (data as ErrorBody | null)?.error;
  const fallback = getLanguage() === 'en' ? `The server answered ${status}.` : `Máy chủ trả lời lỗi ${status}.`;
  const issues = (error?.issues ?? []).map((i) => ({ field: i.field ?? '', message: messageText(i.message) }));
  return new ApiError(
    messageText(error?.message) || fallback,
    status,
    error?.code ?? 'http_' + status,
    error?.field,
    issues,
  );
}

export const api = {
  get: <T>(path: string, query?: object) => request<T>('GET', path + (query ? toQueryString(query) : '')),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown = {}) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Multipart upload of one file in field `file`. */
  upload: <T>(path: string, file: Blob, fileName?: string) => {
    const form = new FormData();
    form.append('file', file, fileName ?? (file instanceof File ? file.name : 'file'));
    return request<T>('POST', path, form);
  },
};
