import { useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { App, Button, Flex, Input, Modal, Skeleton, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../api/auth';
import { QueryError } from '../../components/QueryError';
import { hasRole } from '../../components/roles';
import { formatDate } from '../../format';
import { pickLanguage, useI18n } from '../../i18n';
import type { ReportsSearch } from '../../routes/reports';
import { exportUrl, useIssueReport, useReview, type ReviewParams } from './api';
import { useReportText } from './i18n';
import { MethodNotes } from './MethodNotes';
import { OverdueList } from './OverdueList';
import { CausesTable } from '../explanations/CausesTable';
import { ReviewCharts } from './ReviewCharts';
import { ReviewFilters, reviewParams } from './ReviewFilters';
import { ReviewTable } from './ReviewTable';
import { TasksBehindDrawer, type BehindTarget } from './TasksBehindDrawer';

/** The periodic review: filters, exports, issue, charts, the table with every number a link, method, backlog. */
export function ReviewTab({
  search,
  onChange,
}: {
  search: ReportsSearch;
  onChange(patch: Partial<ReportsSearch>): void;
}) {
  const rt = useReportText();
  const { language } = useI18n();
  const params = reviewParams(search);
  const review = useReview(params);
  const [target, setTarget] = useState<BehindTarget | null>(null);
  return (
    <>
      <ReviewFilters search={search} onChange={onChange} />
      {review.error && <QueryError error={review.error} onRetry={() => void review.refetch()} />}
      {review.isLoading || !review.data ? (
        !review.error && <Skeleton active />
      ) : (
        <>
          <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
            <Typography.Text strong data-testid="review-heading">
              {pickLanguage(language, review.data.title)} · {formatDate(review.data.period.start)} –{' '}
              {formatDate(review.data.period.end)} · {rt('asOf')} {formatDate(review.data.asOf)}
            </Typography.Text>
            <Flex wrap gap={8}>
              <Button icon={<FileExcelOutlined />} href={exportUrl({ ...params, asOf: review.data.asOf }, 'xlsx')}>
                {rt('exportXlsx')}
              </Button>
              <Button icon={<FilePdfOutlined />} href={exportUrl({ ...params, asOf: review.data.asOf }, 'pdf')}>
                {rt('exportPdf')}
              </Button>
              <IssueButton
                params={{ ...params, asOf: review.data.asOf }}
                defaultTitle={pickLanguage(language, review.data.title)}
              />
            </Flex>
          </Flex>
          <ReviewCharts review={review.data} onOpen={setTarget} />
          <ReviewTable
            rows={review.data.rows}
            totals={review.data.totals}
            groupTitle={rt(`groupBy.${review.data.params.groupBy}`)}
            onOpen={setTarget}
            showDossiers={!!review.data.totals.dossiers}
          />
          <MethodNotes method={review.data.method} />
          <OverdueList overdue={review.data.overdue} />
          <CausesTable data={review.data.causes} />
          <TasksBehindDrawer
            source={{ kind: 'review', params: { ...params, asOf: review.data.asOf } }}
            target={target}
            onClose={() => setTarget(null)}
          />
        </>
      )}
    </>
  );
}

/** Issuing freezes the figures and the tasks behind them; the tracking office or a unit head does it. */
function IssueButton({ params, defaultTitle }: { params: ReviewParams; defaultTitle: string }) {
  const rt = useReportText();
  const user = useCurrentUser();
  const issue = useIssueReport();
  const navigate = useNavigate({ from: '/reports' });
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(defaultTitle);
  if (!hasRole(user, 'officer', 'admin', 'unit_head')) return null;
  const submit = () =>
    issue.mutate(
      { ...params, title },
      {
        onSuccess: (r) => {
          void message.success(rt('issued', { id: r.id }));
          setOpen(false);
          void navigate({ search: (s) => ({ ...s, tab: 'snapshots', snapshotId: r.id }) });
        },
        onError: (e) => void message.error(e.message),
      },
    );
  return (
    <>
      <Button
        type="primary"
        icon={<SafetyCertificateOutlined />}
        onClick={() => (setTitle(defaultTitle), setOpen(true))}
      >
        {rt('issue')}
      </Button>
      <Modal
        open={open}
        title={rt('issue')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText={rt('issue')}
        confirmLoading={issue.isPending}
      >
        <label htmlFor="report-title">{rt('issueTitle')}</label>
        <Input id="report-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
      </Modal>
    </>
  );
}
