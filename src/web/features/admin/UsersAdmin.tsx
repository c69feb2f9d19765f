import { useState } from 'react';
import { Button, Flex, Input, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useUnits, useUsers } from '../../api/reference';
import type { UserSummary } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { UnitSelect } from '../../components/UnitSelect';
import { useI18n } from '../../i18n';
import { UserFormModal } from './UserFormModal';

export function UsersAdmin() {
  const { t } = useI18n();
  const [unitId, setUnitId] = useState<number>();
  const [q, setQ] = useState<string>();
  const users = useUsers({ unitId, q, includeInactive: true });
  const { data: units = [] } = useUnits();
  const [editing, setEditing] = useState<UserSummary | 'new' | null>(null);
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? `#${id}`;

  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <div style={{ width: 300 }}>
          <UnitSelect aria-label={t('admin.unit')} value={unitId} onChange={(id?: number) => setUnitId(id)} />
        </div>
        <Input.Search
          aria-label={t('common.search')}
          placeholder={`${t('admin.username')}, ${t('admin.fullName').toLowerCase()}`}
          allowClear
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 280 }}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('admin.addUser')}
        </Button>
      </Flex>
      {users.error && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      <Table<UserSummary>
        rowKey="id"
        size="small"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        scroll={users.data?.length ? { x: 900 } : undefined}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: t('admin.username'), dataIndex: 'username', width: 170 },
          { title: t('admin.fullName'), dataIndex: 'fullName', width: 200 },
          { title: t('admin.unit'), key: 'unit', render: (_, u) => u.unit?.name },
          {
            title: t('admin.roles'),
            key: 'roles',
            render: (_, u) =>
              u.roles.map((r, i) => (
                <Tag key={i} title={unitName(r.scopeUnitId)}>
                  {t(`role.${r.role}`)} · {unitName(r.scopeUnitId)}
                </Tag>
              )),
          },
          {
            title: t('admin.active'),
            key: 'active',
            width: 130,
            render: (_, u) => (
              <Tag color={u.active ? 'green' : 'default'}>{u.active ? t('common.active') : t('common.inactive')}</Tag>
            ),
          },
          {
            title: '',
            key: 'edit',
            width: 60,
            render: (_, u) => (
              <Button
                icon={<EditOutlined />}
                aria-label={`${t('admin.editUser')} ${u.username}`}
                onClick={() => setEditing(u)}
              />
            ),
          },
        ]}
      />
      {editing && <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
