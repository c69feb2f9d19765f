import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Flex, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UseMutationResult } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import type { BilingualText } from '../api/types';
import { pickLanguage, useI18n } from '../i18n';

/** What every file import answers: a dry run or not, and the rows refused with their line. */
export interface ImportOutcome {
  dryRun: boolean;
  errors: { line: number; field: string; message: BilingualText }[];
}

export interface FileImportLabels {
  chooseFile: string;
  dryRun: string;
  apply: string;
  line: string;
  field: string;
  message: string;
}

/**
 * Choose a CSV or Excel file, check it (dry run: every problem with its line), then import it
 * all at once; the import button opens only after a clean dry run of the chosen file.
 */
export function FileImportCard<R extends ImportOutcome>(props: {
  title: string;
  hint: ReactNode;
  labels: FileImportLabels;
  run: UseMutationResult<R, unknown, { file: File; dryRun: boolean }>;
  /** The line shown after a clean dry run or an import. */
  done: (result: R) => string;
  testId: string;
}) {
  const { language } = useI18n();
  const { run, labels } = props;
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const start = (dryRun: boolean) => file && (setResult(null), run.mutate({ file, dryRun }, { onSuccess: setResult }));
  const failed = run.error && isApiError(run.error) ? run.error : null;
  const errors =
    result?.errors.map((e) => ({
      key: `${e.line}-${e.field}`,
      line: e.line,
      field: e.field,
      message: pickLanguage(language, e.message),
    })) ??
    failed?.issues.map((i) => ({
      key: i.field,
      line: Number((i.field.split('.')[0] ?? '').replace('line ', '')),
      field: i.field.split('.')[1] ?? '',
      message: i.message,
    })) ??
    [];
  return (
    <Card size="small" title={props.title} data-testid={props.testId}>
      <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>
      <Flex wrap gap={8} align="center">
        <Upload
          accept=".csv,.xlsx"
          maxCount={1}
          beforeUpload={(f) => (setFile(f), setResult(null), false)}
          onRemove={() => setFile(null)}
        >
          <Button icon={<UploadOutlined />}>{labels.chooseFile}</Button>
        </Upload>
        <Button
          disabled={!file}
          loading={run.isPending && run.variables?.dryRun}
          onClick={() => start(true)}
          data-testid={`${props.testId}-dry-run`}
        >
          {labels.dryRun}
        </Button>
        <Button
          type="primary"
          disabled={!file || !result?.dryRun || result.errors.length > 0}
          loading={run.isPending && !run.variables?.dryRun}
          onClick={() => start(false)}
          data-testid={`${props.testId}-apply`}
        >
          {labels.apply}
        </Button>
      </Flex>
      {result && result.errors.length === 0 && (
        <Alert style={{ marginTop: 8 }} type="success" showIcon title={props.done(result)} />
      )}
      {failed && <Alert style={{ marginTop: 8 }} type="error" showIcon title={failed.message} />}
      {errors.length > 0 && (
        <Table
          style={{ marginTop: 8 }}
          size="small"
          rowKey="key"
          dataSource={errors}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: labels.line, dataIndex: 'line', width: 80 },
            { title: labels.field, dataIndex: 'field', width: 160 },
            { title: labels.message, dataIndex: 'message' },
          ]}
        />
      )}
    </Card>
  );
}
