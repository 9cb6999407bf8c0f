import { Button, Form, Modal, Select } from 'antd';
import { answer, api } from '../../api/client.ts';
import { type ComplaintChannel, complaintChannels } from '../../api/vocabulary.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApiForm } from '../../shared/api-form.ts';
import { type ComplaintFieldValues, ComplaintFields, complainantOf, complaintFieldNames } from '../../shared/complaint-fields.tsx';
import { AtField, instantOf } from '../../shared/fields.tsx';
import { ProblemAlert } from '../../shared/problem-alert.tsx';

type Values = ComplaintFieldValues & { channel: ComplaintChannel; receivedAt?: import('dayjs').Dayjs };

/** The intake clerk registers a complaint that came in on any channel (the first step of SPEC 3). */
export function RegisterComplaint({ open, onClose, onFiled }: { open: boolean; onClose(): void; onFiled(complaintId: string): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { submit, pending, formProblem } = useApiForm(form, ['channel', 'receivedAt', ...complaintFieldNames], async (values: Values, idempotencyKey) => {
    const filed = answer(
      'POST /v1/complaints',
      await api.POST('/v1/complaints', {
        headers: { 'idempotency-key': idempotencyKey },
        body: {
          channel: values.channel,
          departmentId: values.departmentId.trim(),
          ...(values.personId?.trim() ? { personId: values.personId.trim() } : {}),
          category: values.category,
          summary: values.summary.trim(),
          ...(values.occurredAt ? { occurredAt: instantOf(values.occurredAt) } : {}),
          ...(values.receivedAt ? { receivedAt: instantOf(values.receivedAt) } : {}),
          ...complainantOf(values),
        },
      }),
    );
    form.resetFields();
    onFiled(filed.complaintId);
  });
  return (
    <Modal open={open} title={t('desk.register')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Form form={form} name="register" layout="vertical" onFinish={submit} initialValues={{ channel: 'hotline-12345' }}>
        <Form.Item name="channel" label={t('file.channel')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={complaintChannels.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))} />
        </Form.Item>
        <ComplaintFields />
        <AtField name="receivedAt" label={t('file.receivedAt')} />
        {formProblem && <ProblemAlert problem={formProblem.problem} unplaced={formProblem.unplaced} />}
        <Button type="primary" htmlType="submit" loading={pending} block style={{ marginTop: 16 }}>
          {t('desk.registerSubmit')}
        </Button>
      </Form>
    </Modal>
  );
}
