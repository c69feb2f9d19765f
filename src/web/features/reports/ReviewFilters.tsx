import { DatePicker, Form, InputNumber, Select } from 'antd';
import { UnitSelect } from '../../components/UnitSelect';
import { DATE_FORMAT, toDayjs, toIsoDate, todayIso } from '../../format';
import type { ReportsSearch } from '../../routes/reports';
import type { ReviewParams } from './api';
import { useReportText } from './i18n';

const INDEXES: Record<NonNullable<ReportsSearch['period']>, number> = { month: 12, quarter: 4, half: 2, year: 1 };

/** The review's parameters from the URL, with today's quarter by default. */
export function reviewParams(s: ReportsSearch): ReviewParams {
  const today = todayIso();
  const month = Number(today.slice(5, 7));
  const period = s.period ?? 'quarter';
  const defaultIndex = { month, quarter: Math.ceil(month / 3), half: Math.ceil(month / 6), year: 1 }[period];
  const index = Math.min(s.index ?? defaultIndex, INDEXES[period]);
  return {
    period,
    year: s.year ?? Number(today.slice(0, 4)),
    index,
    asOf: s.asOf,
    periodMode: s.periodMode,
    basis: s.basis ?? 'assigned',
    groupBy: s.groupBy ?? 'lead_unit',
    unitId: s.unitId,
    rankBy: s.rankBy ?? 'completionRate',
  };
}

interface Props {
  search: ReportsSearch;
  onChange(patch: Partial<ReportsSearch>): void;
  /** Self-inspection has no grouping or unit-wide ranking choice of its own. */
  compact?: boolean;
}

export function ReviewFilters({ search, onChange, compact }: Props) {
  const rt = useReportText();
  const p = reviewParams(search);
  const indexOptions = Array.from({ length: INDEXES[p.period] }, (_, i) => ({
    value: i + 1,
    label:
      p.period === 'half'
        ? rt(i === 0 ? 'index.half1' : 'index.half2')
        : p.period === 'quarter'
          ? ['I', 'II', 'III', 'IV'][i]
          : String(i + 1),
  }));
  return (
    <Form layout="inline" component="div" style={{ marginBottom: 12, rowGap: 8 }}>
      <Form.Item label={rt('period')}>
        <Select
          aria-label={rt('period')}
          style={{ width: 110 }}
          value={p.period}
          onChange={(period) => onChange({ period, index: undefined })}
          options={(['month', 'quarter', 'half', 'year'] as const).map((k) => ({ value: k, label: rt(`period.${k}`) }))}
        />
      </Form.Item>
      {p.period !== 'year' && (
        <Form.Item label={rt('index')}>
          <Select
            aria-label={rt('index')}
            style={{ width: 150 }}
            value={p.index}
            onChange={(index) => onChange({ index })}
            options={indexOptions}
          />
        </Form.Item>
      )}
      <Form.Item label={rt('year')}>
        <InputNumber
          aria-label={rt('year')}
          min={2000}
          max={2100}
          value={p.year}
          onChange={(year) => year && onChange({ year })}
        />
      </Form.Item>
      <Form.Item label={rt('asOf')}>
        <DatePicker
          aria-label={rt('asOf')}
          format={DATE_FORMAT}
          placeholder={rt('asOf.default')}
          value={search.asOf ? toDayjs(search.asOf) : null}
          onChange={(d) => onChange({ asOf: d ? toIsoDate(d) : undefined })}
        />
      </Form.Item>
      <Form.Item label={rt('periodMode')}>
        <Select
          aria-label={rt('periodMode')}
          style={{ width: 250 }}
          value={search.periodMode ?? ''}
          onChange={(v) => onChange({ periodMode: v === '' ? undefined : (v as 'calendar' | 'official') })}
          options={[
            { value: '', label: rt('periodMode.default') },
            { value: 'official', label: rt('periodMode.official') },
            { value: 'calendar', label: rt('periodMode.calendar') },
          ]}
        />
      </Form.Item>
      <Form.Item label={rt('basis')}>
        <Select
          aria-label={rt('basis')}
          style={{ width: 220 }}
          value={p.basis}
          onChange={(basis) => onChange({ basis })}
          options={(['assigned', 'due'] as const).map((k) => ({ value: k, label: rt(`basis.${k}`) }))}
        />
      </Form.Item>
      {!compact && (
        <Form.Item label={rt('groupBy')}>
          <Select
            aria-label={rt('groupBy')}
            style={{ width: 170 }}
            value={p.groupBy}
            onChange={(groupBy) => onChange({ groupBy })}
            options={(['lead_unit', 'authority', 'field', 'leader'] as const).map((k) => ({
              value: k,
              label: rt(`groupBy.${k}`),
            }))}
          />
        </Form.Item>
      )}
      <Form.Item label={rt('unit')} style={{ minWidth: 280 }}>
        <UnitSelect
          aria-label={rt('unit')}
          value={search.unitId}
          onChange={(unitId?: number) => onChange({ unitId })}
        />
      </Form.Item>
      <Form.Item label={rt('rankBy')}>
        <Select
          aria-label={rt('rankBy')}
          style={{ width: 230 }}
          value={p.rankBy}
          onChange={(rankBy) => onChange({ rankBy })}
          options={(['completionRate', 'completionOfDueRate', 'onTimeRate', 'overdueRate'] as const).map((k) => ({
            value: k,
            label: rt(`rankBy.${k}`),
          }))}
        />
      </Form.Item>
    </Form>
  );
}
