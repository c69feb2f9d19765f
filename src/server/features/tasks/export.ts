import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { listTasks } from './list.js';
import type { TaskListQuery } from './schema.js';

const STATUS_VI: Record<string, string> = {
  completed_on_time: 'Hoàn thành đúng hạn',
  completed_late: 'Hoàn thành quá hạn',
  in_progress_on_time: 'Đang thực hiện trong hạn',
  in_progress_overdue: 'Đang thực hiện quá hạn',
};
const MAX_ROWS = 50_000;

const viDate = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

/** The current task list (same filters, every page) as an Excel sheet. */
export async function exportTasksXlsx(ctx: AppContext, p: Principal, query: TaskListQuery): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nhiệm vụ');
  ws.columns = [
    { header: 'STT', width: 6 },
    { header: 'Số hiệu văn bản', width: 18 },
    { header: 'Nội dung nhiệm vụ', width: 60 },
    { header: 'Cơ quan giao', width: 24 },
    { header: 'Đơn vị chủ trì', width: 28 },
    { header: 'Đơn vị phối hợp', width: 28 },
    { header: 'Ngày giao', width: 12 },
    { header: 'Hạn xử lý', width: 12 },
    { header: 'Hạn ban đầu', width: 12 },
    { header: 'Tình trạng', width: 24 },
    { header: 'Số ngày quá hạn', width: 10 },
    { header: 'Tiến độ (%)', width: 10 },
  ];
  ws.getRow(1).font = { name: 'Times New Roman', bold: true };
  let cursor: string | undefined;
  let n = 0;
  do {
    const page = await listTasks(ctx, p, { ...query, limit: 200, cursor });
    for (const t of page.items) {
      n++;
      ws.addRow([
        n,
        t.documentNumber ?? '',
        t.content,
        t.assignerUnit.name,
        t.leadUnit.name,
        t.coordinatingUnits.map((u) => u.name).join('; '),
        viDate(t.assignedOn),
        viDate(t.deadline),
        viDate(t.originalDeadline),
        t.status ? STATUS_VI[t.status] : 'Đã rút/hủy',
        t.daysOverdue || '',
        t.progress,
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && n < MAX_ROWS);
  ws.eachRow((row) => row.eachCell((cell) => (cell.font = { ...cell.font, name: 'Times New Roman' })));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
