import { Collapse } from 'antd';
import type { BilingualText } from '../../api/types';
import { pickLanguage, useI18n } from '../../i18n';
import { useReportText } from './i18n';

const isText = (x: unknown): x is BilingualText => !!x && typeof x === 'object' && 'vi' in x && 'en' in x;

/** The method under the table: cut-off, period, completion rule, the rates, the ranking. */
export function MethodNotes({ method }: { method: Record<string, unknown> }) {
  const { language } = useI18n();
  const rt = useReportText();
  const lines = Object.values(method).flatMap((v) =>
    isText(v) ? [v] : v && typeof v === 'object' ? Object.values(v).filter(isText) : [],
  );
  return (
    <Collapse
      size="small"
      defaultActiveKey={['method']}
      style={{ margin: '12px 0' }}
      items={[
        {
          key: 'method',
          label: rt('method'),
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {lines.map((l, i) => (
                <li key={i}>{pickLanguage(language, l)}</li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
