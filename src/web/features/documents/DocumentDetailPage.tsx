import { Link, useParams } from '@tanstack/react-router';
import { Alert, App, Button, Card, Descriptions, Flex, Skeleton, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../api/auth';
import { useDocument, useUploadDocumentFile } from '../../api/documents';
import { fileUrl } from '../../api/tasks';
import { CompactTaskTable } from '../../components/CompactTaskTable';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { canRegisterDocuments } from '../../components/roles';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { AtRiskBadge, useRiskFlags } from '../urging/AtRiskBadge';
import { documentKindLabel } from './documentKinds';
import { DocumentCorrectionButton, DocumentHistory } from './DocumentCorrection';
import { TaskProposals } from './TaskProposals';

const MAX_PDF_BYTES = 20 * 1024 * 1024;

export function DocumentDetailPage() {
  const { t, language } = useI18n();
  const { documentId } = useParams({ from: '/authenticated/documents/$documentId' });
  const query = useDocument(documentId);
  const doc = query.data;
  const user = useCurrentUser();
  const risk = useRiskFlags((doc?.tasks ?? []).map((task) => task.id));
  if (query.isLoading) return <Skeleton active />;
  if (query.error || !doc) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <PageHeading
        title={t('document.title', { number: doc.numberSymbol })}
        extra={
          <Flex gap={8} wrap>
            {canRegisterDocuments(user) && <DocumentCorrectionButton doc={doc} />}
            <Link to="/tasks" search={{ documentId: doc.id }}>
              <Button>{t('document.viewTasks')}</Button>
            </Link>
          </Flex>
        }
      />
      {doc.status && doc.status !== 'active' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t(`edxml.status.${doc.status}`)} />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('document.numberSymbol')}>{doc.numberSymbol}</Descriptions.Item>
          <Descriptions.Item label={t('document.kind')}>{documentKindLabel(doc.kind, language)}</Descriptions.Item>
          <Descriptions.Item label={t('document.issuer')}>{doc.issuer?.name}</Descriptions.Item>
          <Descriptions.Item label={t('document.issuedOn')}>{formatDate(doc.issuedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('document.signer')}>{doc.signer || t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('document.file')}>
            <DocumentFile documentId={doc.id} fileId={doc.fileId ?? null} />
          </Descriptions.Item>
          <Descriptions.Item label={t('document.summary')} span={{ xs: 1, md: 2 }}>
            {doc.summary}
          </Descriptions.Item>
          {doc.source === 'edxml' && (
            <>
              <Descriptions.Item label={t('edxml.sender')}>{doc.senderName}</Descriptions.Item>
              <Descriptions.Item label={t('edxml.urgency')}>{doc.urgency ?? 0}</Descriptions.Item>
              <Descriptions.Item label={t('edxml.attachments')} span={{ xs: 1, md: 2 }}>
                <Flex vertical gap={4}>
                  {(doc.attachments ?? []).map((a) => (
                    <a key={a.fileId} href={fileUrl(a.fileId)}>
                      <DownloadOutlined /> {a.name}
                    </a>
                  ))}
                </Flex>
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      </Card>
      {canRegisterDocuments(user) && doc.status !== 'revoked' && doc.status !== 'replaced' && (
        <TaskProposals key={doc.version} doc={doc} />
      )}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('document.tasks')}</h2>}>
        <CompactTaskTable
          tasks={doc.tasks ?? []}
          emptyText={t('tasks.empty')}
          badge={(task) => <AtRiskBadge risk={risk.get(task.id)} />}
        />
      </Card>
      <DocumentHistory documentId={doc.id} />
    </>
  );
}

/** Download link, and for the tracking office an upload of the signed PDF. */
function DocumentFile({ documentId, fileId }: { documentId: number; fileId: number | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const upload = useUploadDocumentFile(documentId);
  return (
    <Flex wrap gap={8} align="center">
      {fileId ? (
        <a href={fileUrl(fileId)} data-testid="document-file-link">
          <DownloadOutlined /> {t('document.download')}
        </a>
      ) : (
        <Typography.Text type="secondary">{t('document.noFile')}</Typography.Text>
      )}
      {canRegisterDocuments(user) && (
        <Upload
          accept="application/pdf,.pdf"
          showUploadList={false}
          beforeUpload={(file) => {
            const isPdf = file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf');
            if (!isPdf || file.size > MAX_PDF_BYTES) {
              void message.error(t('document.onlyPdf'));
              return Upload.LIST_IGNORE;
            }
            upload.mutate(file, {
              onSuccess: () => void message.success(t('document.uploaded')),
              onError: (error) => void message.error(error.message),
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t('document.uploadPdf')}
          </Button>
        </Upload>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('document.onlyPdf')}
      </Typography.Text>
    </Flex>
  );
}
