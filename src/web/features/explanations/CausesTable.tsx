import { Card, Table, Typography } from 'antd';
import { pickLanguage } from '../../i18n';
import type { DelayCause } from './api';
import { useExplanationText } from './text';

export interface CausesByUnit {
  causes: DelayCause[];
  units: {
    unitId: number;
    unitName: string;
    tasks: number;
    objective: number;
    subjective: number;
    counts: Record<string, number>;
    requests: { asked: number; answered: number; late: number };
  }[];
  method: { vi: string; en: string };
}

/** The review's causes table: per unit, what the lead units gave as causes of delay, and their explanations. */
export function CausesTable({ data }: { data: CausesByUnit | undefined }) {
  const { tr, language } = useExplanationText();
  if (!data) return null;
  const name = (code: string) => {
    const c = data.causes.find((x) => x.code === code);
    return c ? (language === 'en' ? c.nameEn : c.nameVi) : tr('other');
  };
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{tr('review.title')}</h2>}
      data-testid="review-causes"
    >
      <Table
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={data.units}
        locale={{ emptyText: tr('review.none') }}
        columns={[
          { title: tr('col.unit'), dataIndex: 'unitName' },
          { title: tr('review.tasks'), dataIndex: 'tasks', align: 'right', width: 110 },
          { title: tr('review.objective'), dataIndex: 'objective', align: 'right', width: 100 },
          { title: tr('review.subjective'), dataIndex: 'subjective', align: 'right', width: 100 },
          {
            title: tr('review.top'),
            render: (_, u) => {
              const top = Object.entries(u.counts).sort((a, b) => b[1] - a[1])[0];
              return top ? `${name(top[0])} (${top[1]})` : '';
            },
          },
          {
            title: tr('review.requests'),
            width: 150,
            align: 'right',
            render: (_, u) => `${u.requests.answered}/${u.requests.asked}`,
          },
          { title: tr('review.late'), width: 120, align: 'right', render: (_, u) => u.requests.late },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {pickLanguage(language, data.method)}
      </Typography.Paragraph>
    </Card>
  );
}
