import { useState } from 'react';
import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import { Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Segmented, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, KeyOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { providersQuery, useCurrentUser, useLogout } from '../api/auth';
import type { User } from '../api/types';
import { useI18n, type Language, type Translate } from '../i18n';
import { ChangePasswordModal } from '../features/login/ChangePasswordModal';
import { canBrowseDocuments, canRegisterDocuments, canVerifyAudit, isAdmin } from './roles';
import { reportsNavItems } from '../features/reports/i18n';
import { inspectionNavItems } from '../features/inspections/nav';
import { urgingNavItems } from '../features/urging/nav';
import { explanationNavItems } from '../features/explanations/nav';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useSetPreferences } from '../features/notifications/api';

interface NavItem {
  to: string;
  label: string;
}

function navItems(user: User, t: Translate): NavItem[] {
  const items: NavItem[] = [
    { to: '/', label: t('nav.myWork') },
    { to: '/tasks', label: t('nav.tasks') },
  ];
  if (canBrowseDocuments(user)) items.push({ to: '/documents', label: t('nav.documents') });
  if (canRegisterDocuments(user)) items.push({ to: '/documents/new', label: t('nav.newDocument') });
  items.push({ to: '/dashboard', label: t('nav.dashboard') });
  items.push(...reportsNavItems(user));
  items.push(...inspectionNavItems(user));
  items.push(...urgingNavItems(user));
  items.push(...explanationNavItems(user));
  if (canVerifyAudit(user)) items.push({ to: '/audit', label: t('nav.audit') });
  if (isAdmin(user)) items.push({ to: '/admin', label: t('nav.admin') });
  return items;
}

/** The deepest menu entry that the current path is inside. */
function selectedKey(pathname: string, items: NavItem[]): string {
  const matches = items.filter((i) =>
    i.to === '/' ? pathname === '/' : pathname === i.to || pathname.startsWith(i.to + '/'),
  );
  const exact = matches.find((i) => i.to === pathname);
  if (exact) return exact.to;
  if (pathname === '/documents/new') return '/documents/new';
  return matches.sort((a, b) => b.to.length - a.to.length)[0]?.to ?? '';
}

export function rolesLabel(user: User, t: Translate): string {
  return [...new Set(user.roles.map((r) => t(`role.${r.role}`)))].join(', ');
}

export function AppHeader() {
  const user = useCurrentUser();
  const { t, language, setLanguage } = useI18n();
  const savePreferences = useSetPreferences();
  // The choice is the user's, not the browser's: mails follow it, and so does the next login.
  const chooseLanguage = (next: Language) => {
    setLanguage(next);
    savePreferences.mutate({ locale: next });
  };
  const screens = Grid.useBreakpoint();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const logout = useLogout();
  const logoutEverywhere = useLogout(true);
  // With single sign-on, only administrators have passwords here.
  const hasPassword = useQuery(providersQuery).data?.password !== 'administrators' || isAdmin(user);
  const navigate = useNavigate();
  const items = navItems(user, t);
  const menuItems = items.map((i) => ({ key: i.to, label: <Link to={i.to}>{i.label}</Link> }));
  const wide = screens.lg ?? true;

  const onLogout = () =>
    logout.mutate(undefined, {
      // A single sign-on session ends at the provider too, which then sends the browser back to /login.
      onSuccess: (answer) =>
        answer.logoutUrl ? window.location.assign(answer.logoutUrl) : void navigate({ to: '/login' }),
      onError: () => void navigate({ to: '/login' }),
    });
  const languageSwitch = (
    <Segmented<Language>
      size="small"
      aria-label={t('header.language')}
      value={language}
      onChange={chooseLanguage}
      options={[
        { value: 'vi', label: 'VI', title: 'Tiếng Việt' },
        { value: 'en', label: 'EN', title: 'English' },
      ]}
    />
  );

  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, position: 'sticky', top: 0, zIndex: 10 }}>
      {!wide && (
        <Button
          type="text"
          icon={<MenuOutlined style={{ color: '#fff' }} />}
          aria-label={t('nav.menu')}
          onClick={() => setDrawerOpen(true)}
        />
      )}
      <Link to="/" style={{ color: '#fff', fontWeight: 700, fontSize: 18, whiteSpace: 'nowrap' }}>
        {t('app.name')}
      </Link>
      {wide ? (
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selectedKey(pathname, items)]}
          items={menuItems}
          // Every item stays in the bar (scrolling sideways when the window is narrow): the menu's
          // own overflow hides items with aria-hidden while their links stay focusable.
          disabledOverflow
          style={{ flex: 1, minWidth: 0, overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'thin' }}
        />
      ) : (
        <div style={{ flex: 1 }} />
      )}
      {wide && languageSwitch}
      <NotificationBell />
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', type: 'group', label: <UserSummary user={user} t={t} /> },
            { type: 'divider' },
            ...(hasPassword
              ? [
                  {
                    key: 'password',
                    icon: <KeyOutlined />,
                    label: t('header.changePassword'),
                    onClick: () => setPasswordOpen(true),
                  },
                ]
              : []),
            { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: onLogout },
            {
              key: 'logout-everywhere',
              icon: <LogoutOutlined />,
              label: t('header.logoutEverywhere'),
              onClick: () => logoutEverywhere.mutate(undefined, { onSettled: () => void navigate({ to: '/login' }) }),
            },
          ],
        }}
      >
        <Button type="text" style={{ color: '#fff', height: 'auto', maxWidth: wide ? 280 : 160 }} aria-haspopup="menu">
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <UserOutlined />
            <span style={{ lineHeight: 1.2, textAlign: 'left', minWidth: 0 }}>
              <span
                data-testid="header-user-name"
                style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
              >
                {user.fullName}
              </span>
              {wide && (
                <span
                  style={{
                    display: 'block',
                    fontSize: 12,
                    opacity: 0.9,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                  }}
                >
                  {rolesLabel(user, t)} · {user.unit.name}
                </span>
              )}
            </span>
          </Flex>
        </Button>
      </Dropdown>
      <Drawer title={t('app.name')} placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={280}>
        <UserSummary user={user} t={t} />
        <Menu
          mode="inline"
          selectedKeys={[selectedKey(pathname, items)]}
          items={menuItems}
          onClick={() => setDrawerOpen(false)}
          style={{ borderInlineEnd: 0, margin: '12px 0' }}
        />
        {languageSwitch}
      </Drawer>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout.Header>
  );
}

function UserSummary({ user, t }: { user: User; t: Translate }) {
  return (
    <div style={{ maxWidth: 280 }}>
      <Typography.Text strong>{user.fullName}</Typography.Text>
      <br />
      <Typography.Text type="secondary">{rolesLabel(user, t)}</Typography.Text>
      <br />
      <Typography.Text type="secondary">{user.unit.name}</Typography.Text>
    </div>
  );
}
