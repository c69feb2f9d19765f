import { Checkbox, Flex, Form, Input, Typography } from 'antd';
import { useDelayCauses, type DelayCause } from './api';
import { useExplanationText } from './text';

/** The list of causes as two groups of checkboxes (objective, subjective) and a free-text box. */
export function CauseFields({ noteName = 'note' }: { noteName?: string }) {
  const { tr, language } = useExplanationText();
  const causes = useDelayCauses().data?.items ?? [];
  const group = (kind: DelayCause['kind']) => (
    <div key={kind}>
      <Typography.Text strong>{tr(`kind.${kind}`)}</Typography.Text>
      <Flex vertical gap={2} style={{ marginTop: 4 }}>
        {causes
          .filter((c) => c.kind === kind)
          .map((c) => (
            <Checkbox key={c.code} value={c.code} data-testid={`cause-${c.code}`}>
              {language === 'en' ? c.nameEn : c.nameVi}
            </Checkbox>
          ))}
      </Flex>
    </div>
  );
  return (
    <>
      <Form.Item name="causeCodes" label={tr('answer.causes')}>
        <Checkbox.Group style={{ display: 'block' }}>
          <Flex wrap gap={24}>
            {group('objective')}
            {group('subjective')}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name={noteName} label={tr('answer.causeNote')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** "Chờ ý kiến cơ quan khác; Thiếu cán bộ; <own words>" in the user's language. */
export function useCauseNames() {
  const { language, tr } = useExplanationText();
  const causes = useDelayCauses().data?.items ?? [];
  return (codes: string[], note?: string | null) =>
    [
      ...codes.map((code) => {
        const c = causes.find((x) => x.code === code);
        return c ? (language === 'en' ? c.nameEn : c.nameVi) : code === 'other' ? tr('other') : code;
      }),
      ...(note ? [note] : []),
    ].join('; ');
}
