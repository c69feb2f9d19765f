import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { Badge, Button, Flex, List, Segmented, Tabs, Typography } from 'antd';
import { useCurrentUser } from '../../api/auth';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { isAdmin } from '../../components/roles';
import { pickLanguage } from '../../i18n';
import { useMarkRead, useNotifications } from './api';
import { NotificationSettings } from './NotificationSettings';
import { ReminderRulesPanel } from './ReminderRulesPanel';
import { useMonitoringText } from './text';

/** /notifications: the list, the caller's mail and calendar settings, and (administrators) the rules. */
export function NotificationsPage() {
  const { tr } = useMonitoringText();
  const user = useCurrentUser();
  const tabs = [
    { key: 'list', label: tr('n.tab.list'), children: <NotificationList /> },
    { key: 'settings', label: tr('n.tab.settings'), children: <NotificationSettings /> },
    ...(isAdmin(user) ? [{ key: 'rules', label: tr('n.tab.rules'), children: <ReminderRulesPanel /> }] : []),
  ];
  return (
    <>
      <PageHeading title={tr('n.title')} />
      <Tabs items={tabs} destroyOnHidden />
    </>
  );
}

function NotificationList() {
  const { tr, language } = useMonitoringText();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const markRead = useMarkRead();
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unreadCount ?? 0;
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setUnreadOnly(v === 'unread')}
          options={[
            { value: 'all', label: tr('n.all') },
            {
              value: 'unread',
              label: (
                <Badge count={unread} size="small" offset={[8, -2]}>
                  {tr('n.unreadOnly')}
                </Badge>
              ),
            },
          ]}
        />
        <Button onClick={() => markRead.mutate('all')} disabled={unread === 0}>
          {tr('n.markAll')}
        </Button>
      </Flex>
      <List
        loading={list.isLoading}
        locale={{ emptyText: tr('n.none') }}
        dataSource={items}
        data-testid="notification-list"
        renderItem={(n) => (
          <List.Item
            actions={
              n.read
                ? []
                : [
                    <Button key="read" size="small" onClick={() => markRead.mutate(n.id)}>
                      {tr('n.markRead')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <span style={{ fontWeight: n.read ? 400 : 700 }}>
                  {n.link ? (
                    <Link to={n.link} onClick={() => !n.read && markRead.mutate(n.id)}>
                      {pickLanguage(language, n.title)}
                    </Link>
                  ) : (
                    pickLanguage(language, n.title)
                  )}
                </span>
              }
              description={
                <>
                  <Typography.Text type="secondary">{pickLanguage(language, n.body)}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {new Date(n.createdAt).toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN')}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {tr('n.more')}
        </Button>
      )}
    </Flex>
  );
}
