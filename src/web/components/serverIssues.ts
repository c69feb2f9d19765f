import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

/**
 * Shows the server's validation issues next to the inputs they concern. `tasks.2.content`
 * becomes the form path ['tasks', 2, 'content']; issues for unknown fields stay in the alert.
 */
export function applyServerIssues(
  form: FormInstance,
  error: unknown,
  rename: (path: (string | number)[]) => (string | number)[] = (p) => p,
): void {
  if (!isApiError(error)) return;
  const issues = error.issues.length
    ? error.issues
    : error.field
      ? [{ field: error.field, message: error.message }]
      : [];
  const known = issues
    .map((issue) => ({ name: rename(toPath(issue.field)), errors: [issue.message] }))
    .filter((f) => f.name.length > 0 && isRegistered(form, f.name));
  if (known.length) form.setFields(known);
}

/** `body.tasks.2.content` → ['tasks', 2, 'content'] (the validation context is not a form field). */
function toPath(field: string): (string | number)[] {
  const parts = field.split('.').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'querystring' || parts[0] === 'params') parts.shift();
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function isRegistered(form: FormInstance, name: (string | number)[]): boolean {
  try {
    return (
      form.getFieldInstance(name) !== undefined || form.isFieldTouched(name) || form.getFieldValue(name) !== undefined
    );
  } catch {
    return false;
  }
}
