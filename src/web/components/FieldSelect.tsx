import { Select } from 'antd';
import { useFields } from '../api/reference';
import type { Field } from '../api/types';
import { foldForSearch } from '../format';
import { useI18n, type Language } from '../i18n';

export const fieldName = (field: Field | undefined, language: Language): string =>
  field ? (language === 'en' ? field.nameEn : field.nameVi) : '';

/** The name of a field code in the user's language (the code itself while fields load). */
export function useFieldName(): (code: string | null | undefined) => string {
  const { language } = useI18n();
  const { data: fields = [] } = useFields();
  return (code) =>
    code
      ? fieldName(
          fields.find((f) => f.code === code),
          language,
        ) || code
      : '';
}

interface FieldSelectCommonProps {
  id?: string;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

/** One code, or several when `multiple`: the value and the change handler follow. */
type FieldSelectProps = FieldSelectCommonProps &
  (
    | { multiple?: false; value?: string | null; onChange?: (value: string | undefined) => void }
    | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
  );

export function FieldSelect({ multiple, onChange, ...props }: FieldSelectProps) {
  const { t, language } = useI18n();
  const { data: fields = [], isLoading } = useFields();
  return (
    <Select
      {...props}
      onChange={onChange as ((value: string | string[] | null) => void) | undefined}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      loading={isLoading}
      placeholder={t('form.fieldPlaceholder')}
      options={fields.map((f) => ({ value: f.code, label: fieldName(f, language) }))}
      showSearch={{
        filterOption: (input, option) => foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input)),
      }}
      popupMatchSelectWidth={false}
      style={{ minWidth: 180, width: '100%', ...props.style }}
    />
  );
}
