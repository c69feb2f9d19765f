import { useMemo } from 'react';
import { Select } from 'antd';
import type { Unit, UnitKind } from '../api/types';
import { useUnits } from '../api/reference';
import { foldForSearch } from '../format';
import { useI18n } from '../i18n';

interface UnitOption {
  value: number;
  label: string;
  searchText: string;
}

/** One unit, or several when `multiple`: the value and the change handler follow. */
type UnitSelectProps = UnitSelectCommonProps &
  (
    | { multiple?: false; value?: number | null; onChange?: (value: number | undefined) => void }
    | { multiple: true; value?: number[]; onChange?: (value: number[]) => void }
  );

interface UnitSelectCommonProps {
  id?: string;
  /** Only units inside this unit's subtree (e.g. a lead unit's own divisions). */
  withinUnitId?: number;
  kinds?: readonly UnitKind[];
  excludeIds?: readonly number[];
  /** Also units not active today: those a reorganisation act will start, or ended ones. */
  includeInactive?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
  style?: React.CSSProperties;
  status?: 'error' | 'warning';
}

/**
 * A unit picker whose search ignores Vietnamese diacritics, so `dong da` or `ba dinh` finds
 * `Quận Đống Đa` and `Quận Ba Đình`; it also matches the unit's code.
 */
export function UnitSelect({
  multiple,
  withinUnitId,
  kinds,
  excludeIds,
  includeInactive,
  placeholder,
  allowClear = true,
  onChange,
  ...rest
}: UnitSelectProps) {
  const { t } = useI18n();
  const { data: units = [], isLoading } = useUnits();
  const options = useMemo(
    () => unitOptions(units, { withinUnitId, kinds, excludeIds, includeInactive }),
    [units, withinUnitId, kinds, excludeIds, includeInactive],
  );
  return (
    <Select<number | number[] | null, UnitOption>
      {...rest}
      // antd reports null when cleared; the props' union says what the caller gets.
      onChange={onChange as ((value: number | number[] | null) => void) | undefined}
      mode={multiple ? 'multiple' : undefined}
      options={options}
      loading={isLoading}
      allowClear={allowClear}
      placeholder={placeholder ?? t('form.unitPlaceholder')}
      showSearch={{ filterOption: (input, option) => !!option && option.searchText.includes(foldForSearch(input)) }}
      popupMatchSelectWidth={false}
      maxTagCount="responsive"
      style={{ minWidth: 200, width: '100%', ...rest.style }}
    />
  );
}

export function unitOptions(
  units: readonly Unit[],
  {
    withinUnitId,
    kinds,
    excludeIds,
    includeInactive,
  }: {
    withinUnitId?: number;
    kinds?: readonly UnitKind[];
    excludeIds?: readonly number[];
    includeInactive?: boolean;
  },
): UnitOption[] {
  const within = withinUnitId ? units.find((u) => u.id === withinUnitId) : undefined;
  return units
    .filter((u) => includeInactive || u.active !== false)
    .filter((u) => !within || (u.path.startsWith(within.path) && u.id !== within.id))
    .filter((u) => !kinds || kinds.includes(u.kind))
    .filter((u) => !excludeIds || !excludeIds.includes(u.id))
    .map((u) => ({ value: u.id, label: u.name, searchText: foldForSearch(`${u.code} ${u.name}`) }));
}
