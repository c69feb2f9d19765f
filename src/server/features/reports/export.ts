import type { FastifyReply } from 'fastify';
import { reviewPdf } from './export-pdf.js';
import { reviewWorkbook } from './export-xlsx.js';
import type { DocumentIssue } from '../settings/document-issue.js';
import type { Review } from './review.js';

const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' };

/** Sends the review as a file named after its period and cut-off. */
export async function exportReview(
  reply: FastifyReply,
  review: Review,
  format: 'xlsx' | 'pdf',
  printedOn: string,
  snapshotId: number | null,
  issue: DocumentIssue,
) {
  const file =
    format === 'xlsx' ? await reviewWorkbook(review, printedOn, issue) : await reviewPdf(review, printedOn, issue);
  const name = `kiem-diem_${review.period.start}_${review.period.end}_chot-${review.asOf}${snapshotId ? `_bc-${snapshotId}` : ''}.${format}`;
  return reply
    .header('content-type', MIME[format])
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(file);
}
