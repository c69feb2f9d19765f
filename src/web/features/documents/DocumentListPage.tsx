import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { Button, Flex, Input, Table, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../api/auth';
import {
  DOCUMENT_IMPORT_TEMPLATE_URL,
  useDocumentImport,
  useDocumentList,
  type DocumentImportResult,
} from '../../api/documents';
import { FileImportCard } from '../../components/FileImportCard';
import type { DirectiveDocument } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { canRegisterDocuments } from '../../components/roles';
import { formatDate, formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { documentKindLabel } from './documentKinds';
import { EdxmlReceiveButton } from './EdxmlReceiveButton';

export function DocumentListPage() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const [q, setQ] = useState<string>();
  const [importing, setImporting] = useState(false);
  const list = useDocumentList({ q });
  const documents = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeading
        title={t('document.list')}
        extra={
          canRegisterDocuments(user) && (
            <Flex gap={8} wrap>
              <EdxmlReceiveButton />
              <Button icon={<FileExcelOutlined />} onClick={() => setImporting((v) => !v)} aria-expanded={importing}>
                {t('document.importFromFile')}
              </Button>
              <Link to="/documents/new">
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('nav.newDocument')}
                </Button>
              </Link>
            </Flex>
          )
        }
      />
      {importing && <DocumentImportCard />}
      <Input.Search
        aria-label={t('common.search')}
        placeholder={t('document.searchPlaceholder')}
        allowClear
        onSearch={(value) => setQ(value.trim() || undefined)}
        style={{ maxWidth: 420, marginBottom: 16 }}
      />
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<DirectiveDocument>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={documents}
        pagination={false}
        scroll={{ x: 860 }}
        columns={[
          {
            title: t('document.numberSymbol'),
            key: 'number',
            width: 180,
            render: (_, d) => (
              <Link to="/documents/$documentId" params={{ documentId: d.id }}>
                {d.numberSymbol}
              </Link>
            ),
          },
          { title: t('document.kind'), key: 'kind', width: 140, render: (_, d) => documentKindLabel(d.kind, language) },
          { title: t('document.issuedOn'), dataIndex: 'issuedOn', width: 120, render: formatDate },
          { title: t('document.issuer'), key: 'issuer', width: 200, render: (_, d) => d.issuer?.name },
          { title: t('document.summary'), dataIndex: 'summary' },
          {
            title: t('document.tasks'),
            dataIndex: 'taskCount',
            width: 110,
            align: 'right',
            render: (n?: number) => formatNumber(n ?? 0),
          },
        ]}
      />
      <Flex justify="flex-end" style={{ marginTop: 16 }}>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          documents.length > 0 && <Typography.Text type="secondary">{t('tasks.end')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}

/** Documents and their tasks from a CSV or Excel file, one row per task: dry run, then all at once. */
function DocumentImportCard() {
  const { t } = useI18n();
  const run = useDocumentImport();
  const done = (r: DocumentImportResult) => {
    const tasks = r.documents.reduce((n, d) => n + d.tasks, 0);
    return t(r.dryRun ? 'document.importChecked' : 'document.imported', {
      documents: r.documents.length,
      rows: tasks,
      numbers: r.documents.map((d) => d.numberSymbol).join(', '),
    });
  };
  return (
    <div style={{ marginBottom: 16 }}>
      <FileImportCard<DocumentImportResult>
        title={t('document.importFromFile')}
        hint={
          <>
            {t('document.importHint')}{' '}
            <a href={DOCUMENT_IMPORT_TEMPLATE_URL} download>
              {t('document.importTemplate')}
            </a>
          </>
        }
        labels={{
          chooseFile: t('document.importChoose'),
          dryRun: t('document.importDryRun'),
          apply: t('document.importApply'),
          line: t('document.importLine'),
          field: t('document.importField'),
          message: t('document.importMessage'),
        }}
        run={run}
        done={done}
        testId="document-import"
      />
    </div>
  );
}
