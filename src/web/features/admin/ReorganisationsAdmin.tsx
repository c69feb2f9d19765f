import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Popconfirm, Row, Select, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useUnits } from '../../api/reference';
import { useAct, useActMutations, useActPreview, useActs, type ActSummary } from '../../api/reorganisations';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { ActEditorModal } from './ActEditorModal';

/** Reorganisation acts: the list, one act's content, its preview and its application. */
export function ReorganisationsAdmin() {
  const { t } = useI18n();
  const acts = useActs();
  const [selectedId, setSelectedId] = useState<number>();
  const [editing, setEditing] = useState<{ id?: number } | null>(null);
  if (acts.error) return <QueryError error={acts.error} onRetry={() => void acts.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reorg.acts')}</h2>}
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('reorg.new')}
          </Button>
        }
      >
        <Table<ActSummary>
          rowKey="id"
          size="small"
          loading={acts.isLoading}
          dataSource={acts.data ?? []}
          pagination={false}
          onRow={(a) => ({ onClick: () => setSelectedId(a.id), style: { cursor: 'pointer' } })}
          rowClassName={(a) => (a.id === selectedId ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('reorg.number'), dataIndex: 'numberSymbol' },
            { title: t('reorg.signedOn'), dataIndex: 'signedOn', render: formatDate },
            { title: t('reorg.effectiveOn'), dataIndex: 'effectiveOn', render: formatDate },
            { title: t('reorg.title'), dataIndex: 'title' },
            { title: t('reorg.ended'), dataIndex: 'endedUnits', align: 'right' },
            { title: t('reorg.started'), dataIndex: 'startedUnits', align: 'right' },
            {
              title: t('reorg.status'),
              dataIndex: 'status',
              render: (s: ActSummary['status']) => (
                <Tag color={s === 'applied' ? 'green' : 'gold'}>{t(`reorg.status.${s}`)}</Tag>
              ),
            },
          ]}
        />
      </Card>
      {selectedId !== undefined && <ActDetail id={selectedId} onEdit={() => setEditing({ id: selectedId })} />}
      {editing && (
        <ActEditorModal
          id={editing.id}
          onClose={(savedId) => {
            setEditing(null);
            if (savedId) setSelectedId(savedId);
          }}
        />
      )}
    </Flex>
  );
}

function ActDetail({ id, onEdit }: { id: number; onEdit: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const act = useAct(id);
  const preview = useActPreview(id);
  const units = useUnits();
  const { apply, choose } = useActMutations();
  const name = (unitId: number) => units.data?.find((u) => u.id === unitId)?.name ?? `#${unitId}`;
  if (act.error) return <QueryError error={act.error} onRetry={() => void act.refetch()} />;
  if (!act.data) return null;
  const a = act.data;
  const p = preview.data;
  const draft = a.status === 'draft';
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{a.numberSymbol}</h2>}
          extra={
            draft && (
              <Button icon={<EditOutlined />} onClick={onEdit}>
                {t('common.edit')}
              </Button>
            )
          }
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('reorg.title')}>{a.title}</Descriptions.Item>
            <Descriptions.Item label={t('reorg.signedOn')}>{formatDate(a.signedOn)}</Descriptions.Item>
            <Descriptions.Item label={t('reorg.effectiveOn')}>{formatDate(a.effectiveOn)}</Descriptions.Item>
            <Descriptions.Item label={t('reorg.status')}>{t(`reorg.status.${a.status}`)}</Descriptions.Item>
          </Descriptions>
          <Table
            rowKey={(r) => `${r.oldUnitId}-${r.newUnitId}-${r.kind}`}
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={a.successors}
            aria-label={t('reorg.successorMap')}
            columns={[
              { title: t('reorg.oldUnit'), dataIndex: 'oldUnitId', render: name },
              { title: t('reorg.kind'), dataIndex: 'kind', render: (k: string) => t(`reorg.kind.${k}` as never) },
              { title: t('reorg.newUnit'), dataIndex: 'newUnitId', render: name },
              {
                title: t('reorg.rule'),
                render: (_: unknown, r) =>
                  r.isDefault ? <Tag>{t('reorg.default')}</Tag> : r.fieldCodes.join(', ') || t('common.none'),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reorg.preview')}</h2>}>
          {preview.error && <QueryError error={preview.error} onRetry={() => void preview.refetch()} />}
          {p && (
            <Flex vertical gap={12}>
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('reorg.openTasks')}>{formatNumber(p.openTasks)}</Descriptions.Item>
                <Descriptions.Item label={t('reorg.assignerChanges')}>
                  {formatNumber(p.assignerChanges)}
                </Descriptions.Item>
                <Descriptions.Item label={t('reorg.pendingExtensions')}>
                  {formatNumber(p.pendingExtensions)}
                </Descriptions.Item>
                <Descriptions.Item label={t('reorg.completionsToConfirm')}>
                  {formatNumber(p.completionsToConfirm)}
                </Descriptions.Item>
              </Descriptions>
              {p.problems.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  title={t('reorg.problems')}
                  description={p.problems
                    .map((x) => `${name(x.unitId)}: ${t(`reorg.problem.${x.problem}` as never)}`)
                    .join('; ')}
                />
              )}
              <Table
                rowKey={(m) => `${m.fromUnitId}-${m.toUnitId}-${m.rule}`}
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={p.moves}
                aria-label={t('reorg.moves')}
                columns={[
                  { title: t('reorg.oldUnit'), dataIndex: 'fromUnitId', render: name },
                  { title: t('reorg.newUnit'), dataIndex: 'toUnitId', render: name },
                  { title: t('reorg.rule'), dataIndex: 'rule', render: (r: string) => t(`reorg.rule.${r}` as never) },
                  { title: t('reorg.tasks'), dataIndex: 'tasks', align: 'right' },
                ]}
              />
              {p.unplaced.length > 0 && (
                <Table
                  rowKey={(u) => `${u.taskId}-${u.role}`}
                  size="small"
                  title={() => <strong>{t('reorg.unplaced')}</strong>}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={p.unplaced}
                  columns={[
                    { title: t('reorg.task'), dataIndex: 'content' },
                    { title: t('reorg.oldUnit'), dataIndex: 'fromUnitId', render: name },
                    {
                      title: t('reorg.choose'),
                      render: (_: unknown, u) => (
                        <Select
                          aria-label={`${t('reorg.choose')} ${u.taskId}`}
                          style={{ minWidth: 200 }}
                          disabled={!draft || u.role !== 'lead'}
                          options={u.candidates.map((c) => ({ value: c, label: name(c) }))}
                          onChange={(unitId: number) => choose.mutate({ id, taskId: u.taskId, unitId })}
                        />
                      ),
                    },
                  ]}
                />
              )}
              {p.users.length > 0 && (
                <Table
                  rowKey="userId"
                  size="small"
                  title={() => <strong>{t('reorg.users')}</strong>}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={p.users}
                  columns={[
                    { title: t('reorg.user'), dataIndex: 'fullName' },
                    { title: t('reorg.oldUnit'), dataIndex: 'fromUnitId', render: name },
                    {
                      title: t('reorg.newUnit'),
                      dataIndex: 'toUnitId',
                      render: (v: number | null) =>
                        v === null ? <Tag color="red">{t('reorg.toPlace')}</Tag> : name(v),
                    },
                  ]}
                />
              )}
              {draft && (
                <Popconfirm
                  title={t('reorg.applyConfirm', { date: formatDate(a.effectiveOn) })}
                  onConfirm={() =>
                    apply.mutate(
                      { id, version: a.version },
                      { onSuccess: () => void message.success(t('reorg.appliedMessage')) },
                    )
                  }
                  disabled={!p.canApply}
                >
                  <Button type="primary" disabled={!p.canApply} loading={apply.isPending}>
                    {t('reorg.apply')}
                  </Button>
                </Popconfirm>
              )}
              {apply.error && <Alert type="error" showIcon title={apply.error.message} />}
              {choose.error && <Alert type="error" showIcon title={choose.error.message} />}
            </Flex>
          )}
        </Card>
      </Col>
    </Row>
  );
}
