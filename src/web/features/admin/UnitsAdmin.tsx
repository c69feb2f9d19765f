import { useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Input, Row, Tag, Tree } from 'antd';
import { EditOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { useUnits } from '../../api/reference';
import type { Unit } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { allKeys, buildUnitTree } from './unitTree';
import { UnitFormModal, type UnitModalMode } from './UnitFormModal';

export function UnitsAdmin() {
  const { t } = useI18n();
  const units = useUnits();
  const [filter, setFilter] = useState('');
  const [selectedId, setSelectedId] = useState<number>();
  const [modal, setModal] = useState<UnitModalMode | null>(null);
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const tree = useMemo(() => buildUnitTree(units.data ?? [], filter), [units.data, filter]);
  const selected = units.data?.find((u) => u.id === selectedId);
  const parentName = (u: Unit) => units.data?.find((p) => p.id === u.parentId)?.name ?? t('common.none');

  if (units.error) return <QueryError error={units.error} onRetry={() => void units.refetch()} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card size="small">
          <Flex gap={8} style={{ marginBottom: 12 }} wrap>
            <Input.Search
              aria-label={t('admin.filterUnits')}
              placeholder={t('admin.filterUnits')}
              allowClear
              onChange={(e) => setFilter(e.target.value)}
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button icon={<PlusOutlined />} onClick={() => setModal({ kind: 'create', parentId: selectedId })}>
              {t('admin.addUnit')}
            </Button>
          </Flex>
          <Tree
            treeData={tree}
            height={560}
            expandedKeys={filter ? allKeys(tree) : (expanded ?? tree.map((n) => n.key))}
            onExpand={(keys) => setExpanded(keys as number[])}
            selectedKeys={selectedId ? [selectedId] : []}
            onSelect={(keys) => setSelectedId(keys[0] as number | undefined)}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small">
          {selected ? (
            <>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('admin.unitCode')}>{selected.code}</Descriptions.Item>
                <Descriptions.Item label={t('admin.unitName')}>{selected.name}</Descriptions.Item>
                <Descriptions.Item label={t('admin.unitKind')}>
                  {t(`admin.unitKind.${selected.kind}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('admin.parentUnit')}>{parentName(selected)}</Descriptions.Item>
                <Descriptions.Item label={t('admin.active')}>
                  <Tag color={selected.active === false ? 'default' : 'green'}>
                    {selected.active === false ? t('common.inactive') : t('common.active')}
                  </Tag>
                </Descriptions.Item>
              </Descriptions>
              <Flex wrap gap={8} style={{ marginTop: 12 }}>
                <Button icon={<EditOutlined />} onClick={() => setModal({ kind: 'edit', unit: selected })}>
                  {t('admin.editUnit')}
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => setModal({ kind: 'create', parentId: selected.id })}>
                  {t('admin.addUnit')}
                </Button>
                <Button
                  icon={<MergeCellsOutlined />}
                  danger
                  onClick={() => setModal({ kind: 'merge', unit: selected })}
                  disabled={selected.active === false}
                >
                  {t('admin.mergeUnit')}
                </Button>
              </Flex>
            </>
          ) : (
            <Empty description={t('admin.selectUnit')} />
          )}
        </Card>
      </Col>
      {modal && <UnitFormModal mode={modal} onClose={() => setModal(null)} />}
    </Row>
  );
}
