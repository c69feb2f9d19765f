import { useState } from 'react';
import { App, Alert, Button, Card, Flex, List, Popconfirm, Switch, Typography } from 'antd';
import { useCurrentUser } from '../../api/auth';
import { UnitSelect } from '../../components/UnitSelect';
import { useCreateFeed, useFeeds, usePreferences, useRevokeFeed, useSetPreferences } from './api';
import { useMonitoringText } from './text';

/** Mail preference (single mails or a daily digest) and the secret calendar feeds. */
export function NotificationSettings() {
  const { tr } = useMonitoringText();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const prefs = usePreferences();
  const setPrefs = useSetPreferences();
  const feeds = useFeeds();
  const create = useCreateFeed();
  const revoke = useRevokeFeed();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [created, setCreated] = useState<string | null>(null);
  const canUnitFeed = user.roles.some((r) => r.role !== 'staff');

  const onCreate = (body: { scope: 'user' | 'unit'; unitId?: number }) =>
    create.mutate(body, { onSuccess: (f) => setCreated(f.url ?? null), onError: (e) => void message.error(e.message) });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <Card size="small">
        <Flex gap={12} align="center">
          <Switch
            checked={prefs.data?.digestMail ?? false}
            loading={prefs.isLoading || setPrefs.isPending}
            onChange={(digestMail) => setPrefs.mutate({ digestMail })}
            aria-label={tr('n.digest')}
            data-testid="digest-switch"
          />
          <span>{tr('n.digest')}</span>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {prefs.data?.email ? tr('n.email', { email: prefs.data.email }) : tr('n.noEmail')}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={tr('feeds.title')}>
        <Typography.Paragraph type="secondary">{tr('feeds.help')}</Typography.Paragraph>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Button onClick={() => onCreate({ scope: 'user' })} loading={create.isPending}>
            {tr('feeds.mine')}
          </Button>
          {canUnitFeed && (
            <>
              <UnitSelect
                value={unitId ?? null}
                onChange={setUnitId}
                placeholder={tr('feeds.unitPick')}
                aria-label={tr('feeds.unitPick')}
                style={{ minWidth: 260 }}
              />
              <Button disabled={!unitId} onClick={() => onCreate({ scope: 'unit', unitId })}>
                {tr('feeds.unit')}
              </Button>
            </>
          )}
        </Flex>
        {created && (
          <Alert
            type="success"
            showIcon
            title={tr('feeds.created')}
            description={
              <Typography.Text copyable code data-testid="feed-url">
                {created}
              </Typography.Text>
            }
            style={{ marginBottom: 12 }}
          />
        )}
        <List
          size="small"
          dataSource={feeds.data?.items ?? []}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Popconfirm
                  key="revoke"
                  title={tr('feeds.revoke')}
                  onConfirm={() => revoke.mutate(f.id)}
                  cancelText={tr('cancel')}
                >
                  <Button size="small" danger>
                    {tr('feeds.revoke')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              {f.scope === 'unit' ? tr('feeds.scope.unit', { name: f.unit?.name ?? '' }) : tr('feeds.scope.user')} ·{' '}
              {new Date(f.createdAt).toLocaleDateString('vi-VN')}
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
