import { useState } from 'react';
import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { uploadFile } from '../../api/tasks';
import { useI18n } from '../../i18n';

interface Props {
  id?: string;
  value?: number[];
  onChange?: (fileIds: number[]) => void;
}

/** Uploads each chosen file to POST /api/files at once; the form's value is the list of file ids. */
export function FileUploadField({ id, onChange }: Props) {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile<{ id: number }>[]>([]);
  const publish = (next: UploadFile<{ id: number }>[]) => {
    setFiles(next);
    onChange?.(next.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id));
  };
  return (
    <Upload<{ id: number }>
      multiple
      fileList={files}
      onChange={({ fileList }) => publish(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(file as File).then(
          (uploaded) => onSuccess?.(uploaded),
          (error: Error) => onError?.(error),
        );
      }}
    >
      <Button id={id} icon={<UploadOutlined />}>
        {t('form.upload')}
      </Button>
    </Upload>
  );
}
