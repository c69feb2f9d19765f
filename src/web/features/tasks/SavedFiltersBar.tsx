import { useState } from 'react';
import { Button, Flex, Input, Popconfirm, Popover, Select } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import type { TaskFilters } from '../../api/types';
import { useI18n } from '../../i18n';
import { useSavedFilters } from './savedFilters';

interface Props {
  userId: number;
  current: TaskFilters;
  onApply(filters: TaskFilters): void;
}

export function SavedFiltersBar({ userId, current, onApply }: Props) {
  const { t } = useI18n();
  const { saved, save, remove } = useSavedFilters(userId);
  const [chosen, setChosen] = useState<string>();
  const [name, setName] = useState('');
  const [open, setOpen] = useState(false);
  const onSave = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    save(trimmed, current);
    setChosen(trimmed);
    setName('');
    setOpen(false);
  };
  return (
    <Flex wrap gap={8} align="center">
      <Select
        aria-label={t('tasks.savedFilters')}
        placeholder={t('tasks.savedFilters')}
        value={chosen}
        style={{ minWidth: 200 }}
        options={saved.map((s) => ({ value: s.name, label: s.name }))}
        onChange={(value: string) => {
          setChosen(value);
          const found = saved.find((s) => s.name === value);
          if (found) onApply(found.filters);
        }}
        allowClear
        onClear={() => setChosen(undefined)}
      />
      {chosen && (
        <Popconfirm
          title={t('tasks.deleteFilter')}
          onConfirm={() => (remove(chosen), setChosen(undefined))}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
        >
          <Button icon={<DeleteOutlined />} aria-label={t('tasks.deleteFilter')} />
        </Popconfirm>
      )}
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        content={
          <Flex gap={8}>
            <Input
              aria-label={t('tasks.filterName')}
              placeholder={t('tasks.filterName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              onPressEnter={onSave}
              maxLength={80}
              autoFocus
            />
            <Button type="primary" onClick={onSave} disabled={!name.trim()}>
              {t('common.save')}
            </Button>
          </Flex>
        }
      >
        <Button icon={<SaveOutlined />}>{t('tasks.saveFilter')}</Button>
      </Popover>
    </Flex>
  );
}
