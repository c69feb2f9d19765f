import { useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import type { TaskDetail } from '../../api/types';
import { useI18n } from '../../i18n';
import { ActionModal } from './ActionModal';
import { buttonsFor, type ActionSpec } from './actionSpecs';

/** One button per action the server allows this user now; each opens its form. */
export function TaskActions({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const buttons = buttonsFor(task);
  if (buttons.length === 0) return <Typography.Text type="secondary">{t('detail.noActions')}</Typography.Text>;
  return (
    <>
      <Flex wrap gap={8}>
        {buttons.map((spec) => (
          <Button
            key={spec.key}
            type={spec.primary ? 'primary' : 'default'}
            danger={spec.danger}
            onClick={() => setOpen(spec)}
            data-action={spec.key}
          >
            {t(spec.label)}
          </Button>
        ))}
      </Flex>
      {open && (
        <ActionModal key={`${open.key}-${task.version}`} task={task} spec={open} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
