import { useEffect, useState } from 'react';
import { App, Button, Descriptions, Drawer, Flex, Input, Segmented, Table, Tag, Typography } from 'antd';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../format';
import { useFeedbackMutations, useFeedbackQueue, type Feedback } from './api';
import { useInspectionText } from './text';

type Status = 'new' | 'answered' | 'hidden';

/**
 * The city office's moderation queue. Citizens' text is untrusted: React renders it as text,
 * never as markup. Nothing is deleted; spam is set aside.
 */
export function FeedbackQueue() {
  const { tr } = useInspectionText();
  const [status, setStatus] = useState<Status>('new');
  // The open message is kept apart from the list: answering moves it to another tab.
  const [open, setOpen] = useState<Feedback | null>(null);
  const queue = useFeedbackQueue(status);
  const items = queue.data?.items ?? [];
  const count = (s: Status) => queue.data?.counts[s] ?? 0;
  return (
    <>
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 12 }}
        options={(['new', 'answered', 'hidden'] as const).map((s) => ({
          value: s,
          label: `${tr(`feedback.${s}`)} (${count(s)})`,
        }))}
      />
      <Table<Feedback>
        rowKey="id"
        size="small"
        loading={queue.isLoading}
        dataSource={items}
        scroll={{ x: 760 }}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: tr('feedback.received'), dataIndex: 'receivedAt', width: 150, render: formatDateTime },
          { title: tr('feedback.from'), dataIndex: 'name', width: 180, ellipsis: true },
          { title: tr('feedback.title'), dataIndex: 'title', ellipsis: true },
          {
            title: tr('actions'),
            key: 'open',
            width: 190,
            render: (_, f) => (
              <Flex gap={4} align="center">
                <Button size="small" onClick={() => setOpen(f)} data-testid={`feedback-open-${f.id}`}>
                  {tr('feedback.open')}
                </Button>
                {f.answerPublished && <Tag color="green">{tr('feedback.public')}</Tag>}
              </Flex>
            ),
          },
        ]}
      />
      {open && <FeedbackDrawer feedback={open} onChange={setOpen} onClose={() => setOpen(null)} />}
    </>
  );
}

function FeedbackDrawer({
  feedback: f,
  onChange,
  onClose,
}: {
  feedback: Feedback;
  onChange: (f: Feedback) => void;
  onClose: () => void;
}) {
  const { tr } = useInspectionText();
  const { message } = App.useApp();
  const m = useFeedbackMutations();
  const [answer, setAnswer] = useState(f.answer ?? '');
  useEffect(() => setAnswer(f.answer ?? ''), [f.id, f.answer]);
  const fail = (err: unknown) => message.error(isApiError(err) ? err.message : String(err));
  const done = (updated: Feedback) => {
    onChange(updated);
    message.success(tr('saved'));
  };
  const act = (action: 'publish' | 'unpublish' | 'hide') =>
    m.act.mutate({ id: f.id, version: f.version, action }, { onError: fail, onSuccess: done });
  return (
    <Drawer open onClose={onClose} title={f.title} size={560}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={tr('feedback.from')}>
          {f.name}
          {f.phone ? ` · ${f.phone}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={tr('feedback.received')}>
          {formatDateTime(f.receivedAt)} {f.clientAddress ? `· ${f.clientAddress}` : ''}
        </Descriptions.Item>
        {f.inspection && (
          <Descriptions.Item label={tr('tab.records')}>
            {tr('feedback.about', { number: f.inspection.conclusionNumber ?? `#${f.inspection.id}` })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {tr('feedback.content')}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="feedback-content">
        {f.content}
      </Typography.Paragraph>
      <label htmlFor="feedback-answer" style={{ fontWeight: 600 }}>
        {tr('feedback.answer')}
      </label>
      <Input.TextArea
        id="feedback-answer"
        rows={6}
        value={answer}
        maxLength={10000}
        onChange={(e) => setAnswer(e.target.value)}
      />
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={answer.trim().length < 3}
          loading={m.answer.isPending}
          data-testid="feedback-save-answer"
          onClick={() =>
            m.answer.mutate({ id: f.id, version: f.version, answer: answer.trim() }, { onError: fail, onSuccess: done })
          }
        >
          {tr('feedback.saveAnswer')}
        </Button>
        {f.answer && !f.answerPublished && f.status === 'answered' && (
          <Button onClick={() => act('publish')} loading={m.act.isPending} data-testid="feedback-publish">
            {tr('feedback.publish')}
          </Button>
        )}
        {f.answerPublished && <Button onClick={() => act('unpublish')}>{tr('feedback.unpublish')}</Button>}
        {f.status !== 'hidden' && (
          <Button danger onClick={() => act('hide')}>
            {tr('feedback.hide')}
          </Button>
        )}
      </Flex>
    </Drawer>
  );
}
