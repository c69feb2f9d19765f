import { Tag, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { pickLanguage } from '../../i18n';
import { useMonitoringText } from '../notifications/text';
import { useAtRisk, type RiskItem } from './api';

/** "At risk" tag with the reasons in a tooltip; nothing for a task that is not at risk. */
export function AtRiskBadge({ risk }: { risk: RiskItem | undefined }) {
  const { tr, language } = useMonitoringText();
  if (!risk?.atRisk) return null;
  return (
    <Tooltip
      title={
        <>
          {risk.reasons.map((r) => (
            <div key={r.factor}>• {pickLanguage(language, r)}</div>
          ))}
        </>
      }
    >
      <Tag
        color={risk.level === 'high' ? 'red' : 'orange'}
        icon={<WarningOutlined />}
        data-testid={`at-risk-${risk.taskId}`}
      >
        {tr('r.badge')} · {risk.score}
      </Tag>
    </Tooltip>
  );
}

/**
 * The flags of a page of tasks in one request, for a list to badge its rows:
 * `const risk = useRiskFlags(rows.map(r => r.id)); … <AtRiskBadge risk={risk.get(row.id)} />`.
 */
export function useRiskFlags(taskIds: number[]): Map<number, RiskItem> {
  const q = useAtRisk({ ids: taskIds.slice(0, 200) });
  return new Map((q.data?.items ?? []).map((i) => [i.taskId, i]));
}
