import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useAdminMutations } from '../../api/reference';
import { ROLES, type RoleGrant, type UserSummary } from '../../api/types';
import { FieldSelect } from '../../components/FieldSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { applyServerIssues } from '../../components/serverIssues';
import { useI18n } from '../../i18n';

interface UserFormValues {
  username?: string;
  fullName?: string;
  email?: string;
  unitId?: number;
  password?: string;
  active?: boolean;
  roles: Partial<RoleGrant>[];
}

/** Create a user or change one: unit, roles (each scoped to a unit subtree, leaders to fields), active. */
export function UserFormModal({ user, onClose }: { user: UserSummary | null; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const { createUser, updateUser } = useAdminMutations();
  const mutation = user ? updateUser : createUser;
  const required = { required: true, whitespace: true, message: t('common.required') };

  const onFinish = (v: UserFormValues) => {
    const roles = v.roles.map((r) => ({ role: r.role!, scopeUnitId: r.scopeUnitId!, fieldCodes: r.fieldCodes ?? [] }));
    const body = { fullName: v.fullName?.trim(), email: v.email?.trim() || null, unitId: v.unitId, roles };
    const done = {
      onSuccess: () => (void message.success(t('common.saved')), onClose()),
      onError: (e: Error) => applyServerIssues(form, e),
    };
    if (user)
      updateUser.mutate(
        {
          id: user.id,
          ...body,
          active: v.active,
          version: user.version,
          ...(v.password ? { password: v.password } : {}),
        },
        done,
      );
    else createUser.mutate({ ...body, username: v.username?.trim(), password: v.password }, done);
  };
  const initial: UserFormValues = user
    ? {
        username: user.username,
        fullName: user.fullName,
        email: user.email ?? undefined,
        unitId: user.unit?.id,
        active: user.active,
        roles: user.roles,
      }
    : { active: true, roles: [{ role: 'staff', fieldCodes: [] }] };

  return (
    <Modal
      open
      width={760}
      title={user ? t('admin.editUser') : t('admin.addUser')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
    >
      {mutation.error && <Alert type="error" showIcon title={mutation.error.message} style={{ marginBottom: 16 }} />}
      <Form<UserFormValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="username" label={t('admin.username')} rules={[required]}>
              <Input autoComplete="off" maxLength={100} disabled={!!user} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="fullName" label={t('admin.fullName')} rules={[required]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t('admin.email')} rules={[{ type: 'email', message: t('admin.email') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="unitId"
              label={t('admin.unit')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <UnitSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="password"
              label={t('admin.initialPassword')}
              rules={
                user
                  ? [{ min: 8, message: t('password.tooShort') }]
                  : [required, { min: 8, message: t('password.tooShort') }]
              }
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          {user && (
            <Col xs={24} sm={12}>
              <Form.Item name="active" label={t('admin.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.List name="roles">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row key={field.key} gutter={8} align="top">
                  <Col xs={24} sm={7}>
                    <Form.Item
                      name={[field.name, 'role']}
                      label={i === 0 ? t('admin.role') : undefined}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <Select
                        aria-label={`${t('admin.role')} ${i + 1}`}
                        options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item
                      name={[field.name, 'scopeUnitId']}
                      label={i === 0 ? t('admin.scope') : undefined}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <UnitSelect aria-label={`${t('admin.scope')} ${i + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={8}>
                    <Form.Item name={[field.name, 'fieldCodes']} label={i === 0 ? t('admin.fields') : undefined}>
                      <FieldSelect multiple aria-label={`${t('admin.fields')} ${i + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={1} style={{ paddingTop: i === 0 ? 30 : 4 }}>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`${t('common.delete')} ${i + 1}`}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'staff', fieldCodes: [] })}>
                {t('admin.addRole')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
