import { App, Button, Upload } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { useNavigate } from '@tanstack/react-router';
import { useReceiveEdxml } from '../../api/documents';
import { useI18n } from '../../i18n';

/** Receives an electronic document (an .edxml package from the document system) and opens it. */
export function EdxmlReceiveButton() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const receive = useReceiveEdxml();
  return (
    <Upload
      accept=".edxml,.xml,application/xml"
      showUploadList={false}
      beforeUpload={(file) => {
        receive.mutate(
          { file },
          {
            onSuccess: (r) => {
              void message.success(t(r.alreadyRegistered ? 'edxml.alreadyRegistered' : 'edxml.received'));
              void navigate({ to: '/documents/$documentId', params: { documentId: r.id } });
            },
            onError: (error) => void message.error(error.message, 8),
          },
        );
        return false;
      }}
    >
      <Button icon={<CloudDownloadOutlined />} loading={receive.isPending} data-testid="edxml-receive">
        {t('edxml.receive')}
      </Button>
    </Upload>
  );
}
