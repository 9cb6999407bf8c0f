import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef } from 'react';
import { answer, api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApiForm } from '../../shared/api-form.ts';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { dayjs, ledgerTimeZone } from '../../shared/time.ts';
import { type RectificationSourceKind, rectificationSources } from './rectification-vocabulary.ts';

interface OpenValues {
  departmentId: string;
  sourceKind: RectificationSourceKind;
  sourceRef?: string;
  problem: string;
  measure: string;
  target: string;
  deadline: Dayjs;
  responsiblePersonId: string;
}

/** The body's fields that are fields of the form too; a problem naming `body.source…` is shown with the problem. */
const fields = ['departmentId', 'problem', 'measure', 'target', 'deadline', 'responsiblePersonId'] as const;

/** Opens a rectification item by hand (the evaluation office, a disciplinary official); its deadline is the end of the picked day. */
export function OpenRectification({ onClose, onOpened }: { onClose(): void; onOpened(id: string): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OpenValues>();
  const opened = useRef('');
  const { submit, pending, formProblem } = useApiForm(
    form,
    fields,
    async (values: OpenValues, idempotencyKey) => {
      const answered = answer(
        'POST /v1/rectifications',
        await api.POST('/v1/rectifications', {
          headers: { 'idempotency-key': idempotencyKey },
          body: {
            departmentId: values.departmentId.trim(),
            source: { kind: values.sourceKind, ...(values.sourceRef?.trim() ? { ref: values.sourceRef.trim() } : {}) },
            problem: values.problem.trim(),
            measure: values.measure.trim(),
            target: values.target.trim(),
            deadline: dayjs.tz(`${values.deadline.format('YYYY-MM-DD')}T23:59:59`, ledgerTimeZone).format(),
            responsiblePersonId: values.responsiblePersonId.trim(),
          },
        }),
      );
      opened.current = answered.rectificationId;
    },
    () => {
      void message.success(t('step.done', { step: t('rect.openSubmit') }));
      onOpened(opened.current);
    },
  );
  const text = [{ required: true, whitespace: true, message: t('form.required') }, { max: 4_000, message: t('form.tooLong', { max: 4_000 }) }];
  return (
    <Modal open title={t('rect.open')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Form form={form} name="open-rectification" layout="vertical" onFinish={submit}>
        <Form.Item name="departmentId" label={t('rect.department')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="sourceKind" label={t('rect.source')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={rectificationSources.map((kind) => ({ value: kind, label: t(`rectSource.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="sourceRef" label={t('rect.sourceRef')}>
          <Input />
        </Form.Item>
        <Form.Item name="problem" label={t('rect.problem')} rules={text}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="measure" label={t('rect.measure')} rules={text}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="target" label={t('rect.target')} rules={text}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="deadline" label={t('rect.deadline')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="responsiblePersonId" label={t('rect.responsible')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input />
        </Form.Item>
        {formProblem && <ProblemAlert problem={formProblem.problem} unplaced={formProblem.unplaced} />}
        <Button type="primary" htmlType="submit" loading={pending} block style={{ marginTop: 16 }}>
          {t('rect.openSubmit')}
        </Button>
      </Form>
    </Modal>
  );
}
