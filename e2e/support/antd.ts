import type { Locator, Page } from 'playwright-core';

/**
 * Picks an option in an antd Select whose search input is `combobox`: types the search text
 * (diacritics optional) and chooses the first matching option.
 */
export async function chooseOption(page: Page, combobox: Locator, search: string, optionText?: string): Promise<void> {
  await combobox.click();
  await combobox.fill(search);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  const option = optionText
    ? dropdown.locator('.ant-select-item-option', { hasText: optionText }).first()
    : dropdown.locator('.ant-select-item-option').first();
  await option.click();
}

/**
 * Types a `DD/MM/YYYY` date into an antd DatePicker input and leaves it with Tab, which keeps
 * the typed date (Enter would also submit the surrounding form).
 */
export async function typeDate(input: Locator, ddmmyyyy: string): Promise<void> {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Tab');
}

/** The open modal dialog (antd keeps closed ones hidden in the DOM). */
export function openDialog(page: Page): Locator {
  return page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal').last();
}

/** Opens a task action by its button, fills it with `fill`, submits, and waits for the dialog to close. */
export async function doTaskAction(
  page: Page,
  buttonName: string,
  fill?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await page.getByTestId('task-actions').getByRole('button', { name: buttonName, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  const done = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/tasks\/\d+\//.test(r.url()));
  await dialog.getByTestId('action-submit').click();
  const response = await done;
  if (!response.ok()) throw new Error(`${buttonName}: HTTP ${response.status()} ${await response.text()}`);
  await dialog.waitFor({ state: 'hidden' });
}

/** A count shown with Vietnamese separators (`1.234`) as a number. */
export function parseCount(text: string | null): number {
  return Number((text ?? '').replace(/[^\d]/g, '') || 0);
}
