import { useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { pickLanguage } from '../../i18n';
import { useMarkRead, useNotifications, useUnreadCount, type AppNotification } from './api';
import { useMonitoringText } from './text';

/** The bell in the header: the unread count, live, and the latest unread notifications. */
export function NotificationBell() {
  const { tr, language } = useMonitoringText();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount().data?.unreadCount ?? 0;
  const latest = useNotifications(true, 8);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const items = latest.data?.pages[0]?.items ?? [];

  const openOne = (n: AppNotification) => {
    markRead.mutate(n.id);
    setOpen(false);
    if (n.link) void navigate({ to: n.link });
  };

  const content = (
    <div style={{ width: 360, maxWidth: '80vw' }} data-testid="bell-panel">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('bell.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => openOne(n)} data-testid="bell-item">
              <List.Item.Meta
                title={<span style={{ fontWeight: 600 }}>{pickLanguage(language, n.title)}</span>}
                description={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {pickLanguage(language, n.body)}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {tr('bell.all')}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={tr('bell.title')}
      content={content}
      open={open}
      onOpenChange={setOpen}
    >
      <Button
        type="text"
        size="small"
        aria-label={tr('bell.label', { count })}
        data-testid="notification-bell"
        style={{ color: '#fff', paddingInline: 4, flex: 'none' }}
      >
        <Badge count={count} size="small" overflowCount={99} data-testid="unread-count">
          <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
