import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type Answer, answer, api } from '../../api/client.ts';
import { type Role, roles } from '../../api/route-roles.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { problemFromError, useApiForm } from '../../shared/api-form.ts';
import { usePageLoad } from '../../shared/page-load.ts';
import { PageTitleBar } from '../../shared/page-title-bar.tsx';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { tagColors } from '../../shared/tag-colors.ts';
import { formatInstant } from '../../shared/time.ts';

type KeyView = Answer<'GET /v1/keys'>['items'][number];
type Issued = Answer<'POST /v1/keys'>;
interface IssueValues {
  role: Role;
  personId?: string;
  departmentId?: string;
  label: string;
}

/** The administrator's page (API.md "Keys"): issue a key (its secret shown once), list keys, revoke one. */
export function KeysPage() {
  const { t, label, locale } = useI18n();
  const { message } = App.useApp();
  const [keys, setKeys] = useState<KeyView[]>([]);
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<Issued | undefined>();

  const fetchKeys = useCallback(async () => {
    setKeys(answer('GET /v1/keys', await api.GET('/v1/keys', { params: { query: {} } })).items.toReversed());
  }, []);
  const { load, loading, problem, setProblem } = usePageLoad(fetchKeys);

  const revoke = async (key: KeyView) => {
    try {
      answer('DELETE /v1/keys/{keyId}', await api.DELETE('/v1/keys/{keyId}', { params: { path: { keyId: key.keyId } } }));
      void message.success(t('keys.revokedDone', { label: key.label }));
      await load();
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitleBar title={t('keys.title')} onReload={() => void load()}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-action="issue-key">
            {t('keys.issue')}
          </Button>
        </PageTitleBar>
      </Card>
      {problem && <ProblemAlert problem={problem} />}
      <Card>
        <Table<KeyView>
          rowKey="keyId"
          size="middle"
          loading={loading}
          dataSource={keys}
          pagination={false}
          scroll={{ x: true }}
          data-testid="key-list"
          columns={[
            { title: t('keys.label'), dataIndex: 'label' },
            { title: t('keys.role'), dataIndex: 'role', render: (role: string) => label('role', role) },
            { title: t('keys.personId'), dataIndex: 'personId', render: (id?: string) => id ?? '—' },
            { title: t('keys.departmentId'), dataIndex: 'departmentId', render: (id?: string) => id ?? '—' },
            { title: t('keys.keyId'), dataIndex: 'keyId', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
            { title: t('keys.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatInstant(at, locale) },
            {
              title: t('keys.state'),
              key: 'state',
              render: (_, key) =>
                key.revokedAt ? (
                  <Tag variant="solid" color={tagColors.neutral} data-testid="key-state">
                    {t('keys.revoked')} {formatInstant(key.revokedAt, locale)}
                  </Tag>
                ) : (
                  <Space>
                    <Tag variant="solid" color={tagColors.green} data-testid="key-state">
                      {t('keys.active')}
                    </Tag>
                    <Popconfirm
                      title={t('keys.revokeConfirm', { label: key.label })}
                      okText={t('keys.revoke')}
                      cancelText={t('keys.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => revoke(key)}
                    >
                      <Button danger size="small" data-action="revoke">
                        {t('keys.revoke')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {issuing && (
        <IssueKey
          onClose={() => setIssuing(false)}
          onIssued={(key) => {
            setIssuing(false);
            setIssued(key);
            void load();
          }}
        />
      )}
      {issued && <IssuedSecret issued={issued} onClose={() => setIssued(undefined)} />}
    </Space>
  );
}

function IssueKey({ onClose, onIssued }: { onClose(): void; onIssued(key: Issued): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<IssueValues>();
  const role = Form.useWatch('role', form);
  const [issued, setIssued] = useState<Issued | undefined>();
  const { submit, pending, formProblem } = useApiForm(
    form,
    ['role', 'personId', 'departmentId', 'label'],
    async (values: IssueValues, idempotencyKey) => {
      const body = {
        role: values.role,
        label: values.label.trim(),
        ...(values.personId?.trim() ? { personId: values.personId.trim() } : {}),
        ...(values.role === 'department-liaison' && values.departmentId?.trim() ? { departmentId: values.departmentId.trim() } : {}),
      };
      setIssued(answer('POST /v1/keys', await api.POST('/v1/keys', { body, headers: { 'idempotency-key': idempotencyKey } })));
    },
  );
  useEffect(() => {
    if (issued) onIssued(issued);
  }, [issued, onIssued]);
  return (
    <Modal open title={t('keys.issue')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} name="issue-key" layout="vertical" onFinish={submit}>
        <Form.Item name="role" label={t('keys.role')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={roles.filter((each) => each !== 'complainant').map((each) => ({ value: each, label: t(`role.${each}`) }))} />
        </Form.Item>
        <Form.Item
          name="personId"
          label={t('keys.personId')}
          extra={t('keys.personIdHelp')}
          rules={[{ required: role !== 'service', whitespace: true, message: t('form.required') }]}
        >
          <Input />
        </Form.Item>
        {role === 'department-liaison' && (
          <Form.Item name="departmentId" label={t('keys.departmentId')} extra={t('keys.departmentIdHelp')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="label" label={t('keys.label')} extra={t('keys.labelHelp')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200, message: t('form.tooLong', { max: 200 }) }]}>
          <Input />
        </Form.Item>
        {formProblem && <ProblemAlert problem={formProblem.problem} unplaced={formProblem.unplaced} />}
        <Button type="primary" htmlType="submit" loading={pending} block style={{ marginTop: 16 }}>
          {t('keys.submit')}
        </Button>
      </Form>
    </Modal>
  );
}

/** The secret, this once: the ledger keeps only its digest. Closing needs a deliberate click, not a stray one outside. */
function IssuedSecret({ issued, onClose }: { issued: Issued; onClose(): void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const copy = async () => {
    await navigator.clipboard.writeText(issued.key);
    void message.success(t('keys.copied'));
  };
  return (
    <Modal open title={t('keys.issuedTitle')} closable={false} maskClosable={false} keyboard={false} footer={<Button type="primary" onClick={onClose}>{t('keys.close')}</Button>}>
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="issued-key">
        <Alert type="warning" showIcon title={t('keys.secretWarning')} />
        <div>
          {issued.label} · {label('role', issued.role)}
          {issued.personId ? ` · ${issued.personId}` : ''}
          {issued.departmentId ? ` · ${issued.departmentId}` : ''}
        </div>
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={issued.key} aria-label={t('keys.secret')} data-testid="secret" style={{ fontFamily: 'monospace' }} />
          <Button icon={<CopyOutlined />} onClick={() => void copy()}>
            {t('keys.copy')}
          </Button>
        </Space.Compact>
      </Space>
    </Modal>
  );
}
