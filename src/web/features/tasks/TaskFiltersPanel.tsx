import { useEffect, useState } from 'react';
import { Button, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { DEFAULT_TASK_SORT } from '../../api/tasks';
import { STATUS_CATEGORIES, TASK_STATES, type TaskFilters, type TaskSort } from '../../api/types';
import { FieldSelect } from '../../components/FieldSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { DATE_FORMAT, toDayjs, toIsoDate } from '../../format';
import { useI18n } from '../../i18n';

interface Props {
  filters: TaskFilters;
  onChange(patch: Partial<TaskFilters>): void;
}

const SORTS: TaskSort[] = ['-id', 'id', 'deadline', '-deadline'];
const AUTHORITY_KINDS = ['authority'] as const;

/** Every filter of GET /api/tasks; the common ones first, the rest behind "more filters". */
export function TaskFiltersPanel({ filters, onChange }: Props) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(hasAdvanced(filters));
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  return (
    <Form layout="vertical" component="div" style={{ marginBottom: 8 }}>
      <Row gutter={[12, 0]}>
        <Col xs={24} md={12} lg={8}>
          <Form.Item label={t('common.search')} htmlFor="filter-q">
            <Input.Search
              id="filter-q"
              value={q}
              allowClear
              placeholder={t('tasks.searchPlaceholder')}
              onChange={(e) => setQ(e.target.value)}
              onSearch={(value) => onChange({ q: value.trim() || undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <Form.Item label={t('task.status')} htmlFor="filter-status">
            <Select
              id="filter-status"
              allowClear
              value={filters.status}
              onChange={(status) => onChange({ status })}
              options={STATUS_CATEGORIES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              placeholder={t('task.status')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <Form.Item label={t('tasks.unit')} htmlFor="filter-unit">
            <UnitSelect id="filter-unit" value={filters.unitId} onChange={(unitId?: number) => onChange({ unitId })} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('tasks.sort')} htmlFor="filter-sort">
            <Select
              id="filter-sort"
              value={filters.sort ?? DEFAULT_TASK_SORT}
              onChange={(sort: TaskSort) => onChange({ sort })}
              options={SORTS.map((s) => ({ value: s, label: t(`tasks.sort.${s}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      {expanded && (
        <Row gutter={[12, 0]}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('tasks.role')} htmlFor="filter-role">
              <Select
                id="filter-role"
                value={filters.role ?? 'any'}
                onChange={(role) => onChange({ role: role === 'any' ? undefined : role })}
                options={(['any', 'lead', 'coordinating'] as const).map((r) => ({
                  value: r,
                  label: t(`tasks.role.${r}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('task.field')} htmlFor="filter-field">
              <FieldSelect
                id="filter-field"
                value={filters.fieldCode}
                onChange={(fieldCode?: string) => onChange({ fieldCode })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('tasks.authority')} htmlFor="filter-authority">
              <UnitSelect
                id="filter-authority"
                kinds={AUTHORITY_KINDS}
                value={filters.authorityId}
                onChange={(authorityId?: number) => onChange({ authorityId })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('task.state')} htmlFor="filter-state">
              <Select
                id="filter-state"
                allowClear
                value={filters.state}
                onChange={(state) => onChange({ state })}
                options={TASK_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
                placeholder={t('task.state')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('tasks.asOf')} htmlFor="filter-asof">
              <DatePicker
                id="filter-asof"
                format={DATE_FORMAT}
                value={toDayjs(filters.asOf)}
                onChange={(d) => onChange({ asOf: toIsoDate(d) })}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item label={t('tasks.deadlineRange')} htmlFor="filter-deadline">
              <DatePicker.RangePicker
                id={{ start: 'filter-deadline' }}
                format={DATE_FORMAT}
                allowEmpty={[true, true]}
                value={[toDayjs(filters.deadlineFrom) ?? null, toDayjs(filters.deadlineTo) ?? null]}
                onChange={(range) =>
                  onChange({ deadlineFrom: toIsoDate(range?.[0]), deadlineTo: toIsoDate(range?.[1]) })
                }
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item label={t('tasks.documentId')} htmlFor="filter-document">
              <Input
                id="filter-document"
                inputMode="numeric"
                value={filters.documentId ? String(filters.documentId) : ''}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  onChange({ documentId: Number.isInteger(n) && n > 0 ? n : undefined });
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item label={t('tasks.assignedRange')} htmlFor="filter-assigned">
              <DatePicker.RangePicker
                id={{ start: 'filter-assigned' }}
                format={DATE_FORMAT}
                allowEmpty={[true, true]}
                value={[toDayjs(filters.assignedFrom) ?? null, toDayjs(filters.assignedTo) ?? null]}
                onChange={(range) =>
                  onChange({ assignedFrom: toIsoDate(range?.[0]), assignedTo: toIsoDate(range?.[1]) })
                }
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Flex vertical gap={4} style={{ paddingTop: 4 }}>
              <Checkbox
                checked={filters.subtree !== false}
                onChange={(e) => onChange({ subtree: e.target.checked ? undefined : false })}
              >
                {t('tasks.subtree')}
              </Checkbox>
              <Checkbox
                checked={filters.topLevel === true}
                onChange={(e) => onChange({ topLevel: e.target.checked ? true : undefined })}
              >
                {t('tasks.topLevel')}
              </Checkbox>
            </Flex>
          </Col>
        </Row>
      )}
      <Button
        type="link"
        onClick={() => setExpanded(!expanded)}
        icon={expanded ? <UpOutlined /> : <DownOutlined />}
        style={{ paddingInline: 0 }}
        aria-expanded={expanded}
      >
        {expanded ? t('tasks.fewerFilters') : t('tasks.moreFilters')}
      </Button>
    </Form>
  );
}

function hasAdvanced(f: TaskFilters): boolean {
  return !!(
    f.role ||
    f.fieldCode ||
    f.authorityId ||
    f.state ||
    f.asOf ||
    f.deadlineFrom ||
    f.deadlineTo ||
    f.documentId ||
    f.subtree === false ||
    f.assignedFrom ||
    f.assignedTo ||
    f.topLevel
  );
}
