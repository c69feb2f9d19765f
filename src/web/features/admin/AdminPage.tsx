import { useNavigate, useSearch } from '@tanstack/react-router';
import { Result, Tabs } from 'antd';
import { useCurrentUser } from '../../api/auth';
import { PageHeading } from '../../components/PageHeading';
import { isAdmin } from '../../components/roles';
import { useI18n } from '../../i18n';
import { CalendarAdmin } from './CalendarAdmin';
import { DocumentsAdmin } from './DocumentsAdmin';
import { UnitsAdmin } from './UnitsAdmin';
import { UsersAdmin } from './UsersAdmin';
import { ReorganisationsAdmin } from './ReorganisationsAdmin';

type AdminTab = 'units' | 'users' | 'calendar' | 'reorganisations' | 'documents';

export function AdminPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { tab = 'units' } = useSearch({ from: '/authenticated/admin' });
  const navigate = useNavigate({ from: '/admin' });
  if (!isAdmin(user)) {
    return (
      <>
        <PageHeading title={t('admin.title')} />
        <Result status="403" title={t('detail.noActions')} />
      </>
    );
  }
  return (
    <>
      <PageHeading title={t('admin.title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate({ search: { tab: key as AdminTab }, replace: true })}
        destroyOnHidden
        items={[
          { key: 'units', label: t('admin.units'), children: <UnitsAdmin /> },
          { key: 'users', label: t('admin.users'), children: <UsersAdmin /> },
          { key: 'calendar', label: t('admin.calendar'), children: <CalendarAdmin /> },
          { key: 'reorganisations', label: t('admin.reorganisations'), children: <ReorganisationsAdmin /> },
          { key: 'documents', label: t('admin.documents'), children: <DocumentsAdmin /> },
        ]}
      />
    </>
  );
}
