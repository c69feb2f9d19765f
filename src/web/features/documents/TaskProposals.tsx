import { useState } from 'react';
import { App, Alert, Button, Card, Checkbox, Flex, Input, Table, Typography } from 'antd';
import { useAddTasks, useExtractTasks } from '../../api/documents';
import type { DeadlineInput, DocumentDetail, ProposedTask } from '../../api/types';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate } from '../../format';
import { useI18n, type Translate } from '../../i18n';

interface Row extends ProposedTask {
  key: number;
  accepted: boolean;
}

/** "Read tasks from the text": proposals beside their source sentence; the officer accepts, edits or drops each, then saves. */
export function TaskProposals({ doc }: { doc: DocumentDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [text, setText] = useState(doc.bodyText ?? '');
  const [rows, setRows] = useState<Row[] | null>(null);
  const extract = useExtractTasks();
  const save = useAddTasks(doc.id);
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs?.map((r) => (r.key === key ? { ...r, ...patch } : r)) ?? null);
  const chosen = rows?.filter((r) => r.accepted) ?? [];
  const missingLead = chosen.some((r) => !r.leadUnitId);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('extract.title')}</h2>}
      data-testid="task-proposals"
    >
      <Input.TextArea
        aria-label={t('extract.text')}
        placeholder={t('extract.textHint')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 12 }}
      />
      <Flex gap={8} style={{ margin: '8px 0' }}>
        <Button
          onClick={() =>
            extract.mutate(
              { text, issuedOn: doc.issuedOn },
              {
                onSuccess: (r) => setRows(r.proposals.map((p, i) => ({ ...p, key: i, accepted: true }))),
                onError: (e) => void message.error(e.message),
              },
            )
          }
          loading={extract.isPending}
          disabled={text.trim().length < 10}
          data-testid="extract-run"
        >
          {t('extract.run')}
        </Button>
      </Flex>
      {rows && rows.length === 0 && <Alert type="info" message={t('extract.none')} />}
      {rows && rows.length > 0 && (
        <>
          <Table<Row>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 1100 }}
            columns={[
              {
                title: t('extract.accept'),
                width: 70,
                render: (_, r) => (
                  <Checkbox
                    checked={r.accepted}
                    aria-label={t('extract.accept')}
                    onChange={(e) => update(r.key, { accepted: e.target.checked })}
                  />
                ),
              },
              {
                title: t('task.content'),
                width: 280,
                render: (_, r) => (
                  <Input.TextArea
                    aria-label={t('task.content')}
                    value={r.content}
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    onChange={(e) => update(r.key, { content: e.target.value })}
                  />
                ),
              },
              {
                title: t('task.leadUnit'),
                width: 220,
                render: (_, r) => (
                  <UnitSelect
                    aria-label={t('task.leadUnit')}
                    value={r.leadUnitId}
                    onChange={(v) => update(r.key, { leadUnitId: v ?? null })}
                    status={r.accepted && !r.leadUnitId ? 'error' : undefined}
                    style={{ width: '100%' }}
                  />
                ),
              },
              {
                title: t('task.coordinatingUnits'),
                width: 220,
                render: (_, r) => (
                  <UnitSelect
                    multiple
                    aria-label={t('task.coordinatingUnits')}
                    value={r.coordinatingUnitIds}
                    onChange={(v) => update(r.key, { coordinatingUnitIds: v })}
                    style={{ width: '100%' }}
                  />
                ),
              },
              { title: t('task.deadline'), width: 150, render: (_, r) => deadlineText(r.deadline, r.deadlineFound, t) },
              { title: t('task.expectedProduct'), width: 140, render: (_, r) => r.expectedProduct ?? '' },
              {
                title: t('extract.source'),
                render: (_, r) => (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.paragraph ? `[${r.paragraph}] ` : ''}
                    {r.source}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Flex gap={8} align="center" style={{ marginTop: 8 }}>
            <Button
              type="primary"
              disabled={chosen.length === 0 || missingLead}
              loading={save.isPending}
              data-testid="extract-save"
              onClick={() =>
                save.mutate(
                  chosen.map((r) => ({
                    content: r.content,
                    leadUnitId: r.leadUnitId!,
                    coordinatingUnitIds: r.coordinatingUnitIds.filter((u) => u !== r.leadUnitId),
                    expectedProduct: r.expectedProduct ?? undefined,
                    paragraph: r.paragraph ?? undefined,
                    deadline: r.deadline,
                  })),
                  {
                    onSuccess: () => {
                      void message.success(t('extract.saved', { n: chosen.length }));
                      setRows(null);
                    },
                    onError: (e) => void message.error(e.message, 8),
                  },
                )
              }
            >
              {t('extract.save', { n: chosen.length })}
            </Button>
            {missingLead && <Typography.Text type="danger">{t('extract.needsLead')}</Typography.Text>}
          </Flex>
        </>
      )}
    </Card>
  );
}

function deadlineText(d: DeadlineInput, found: boolean, t: Translate): string {
  if (d.kind === 'fixed') return formatDate(d.date);
  if (d.kind === 'working_days') return t('extract.workingDays', { n: d.days });
  if (d.kind === 'periodic') return t(`extract.period.${d.period}`);
  return found ? t('extract.ongoing') : t('extract.noDeadline');
}
