import type { Page } from 'playwright-core';
import { chooseOption, typeDate } from './antd';

export interface TaskRowInput {
  content: string;
  /** What the officer types in the unit picker (without diacritics) and the unit's full name. */
  leadSearch: string;
  leadName: string;
  deadline: string; // DD/MM/YYYY
  paragraph?: string;
  expectedProduct?: string;
  isKey?: boolean;
  /** The directing leader: what the officer types (without diacritics) and the leader's name. */
  leader?: { search: string; name: string };
}

/**
 * Registers a document with its task rows through the entry screen, as the tracking officer
 * does, and returns the new document's id and its tasks' ids (in row order).
 */
export async function registerDocument(
  page: Page,
  numberSymbol: string,
  summary: string,
  rows: TaskRowInput[],
): Promise<{ documentId: number; taskIds: number[] }> {
  await page.goto('/documents/new');
  await page.getByLabel('Số, ký hiệu').fill(numberSymbol);
  await page.getByLabel('Trích yếu').fill(summary);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const n = i + 1;
    if (i > 0) await page.getByTestId('add-task-row').click();
    await page.getByLabel(`Nội dung nhiệm vụ — Nhiệm vụ ${n}`, { exact: true }).fill(row.content);
    await chooseOption(
      page,
      page.getByLabel(`Đơn vị chủ trì — Nhiệm vụ ${n}`, { exact: true }),
      row.leadSearch,
      row.leadName,
    );
    await typeDate(page.getByLabel(`Thời hạn — Nhiệm vụ ${n}`, { exact: true }), row.deadline);
    if (row.paragraph) await page.getByLabel(`Mục, khoản — Nhiệm vụ ${n}`, { exact: true }).fill(row.paragraph);
    if (row.expectedProduct)
      await page.getByLabel(`Sản phẩm — Nhiệm vụ ${n}`, { exact: true }).fill(row.expectedProduct);
    if (row.isKey) await page.getByLabel(`Nhiệm vụ trọng tâm — Nhiệm vụ ${n}`, { exact: true }).check();
    if (row.leader)
      await chooseOption(
        page,
        page.getByLabel(`Lãnh đạo chỉ đạo — Nhiệm vụ ${n}`, { exact: true }),
        row.leader.search,
        row.leader.name,
      );
  }
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/documents'));
  await page.getByRole('button', { name: 'Lưu văn bản và giao nhiệm vụ' }).click();
  const response = await created;
  if (response.status() !== 201) throw new Error(`POST /api/documents: ${response.status()} ${await response.text()}`);
  const body = (await response.json()) as { id: number; tasks: { id: number; content: string }[] };
  await page.waitForURL(`**/documents/${body.id}`);
  const taskIds = rows.map((row) => body.tasks.find((t) => t.content === row.content)?.id ?? NaN);
  return { documentId: body.id, taskIds };
}
