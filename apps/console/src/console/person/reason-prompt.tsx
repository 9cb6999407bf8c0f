import { Button, Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * Asked before a person's history is opened (SPEC 8 and 13): the reason is sent with the read and recorded with
 * who read and when; auditors list those reads. The ledger accepts a read without one (recorded as
 * unexplained), but the console does not offer that.
 */
export function ReasonPrompt({ personId, open, onSubmit, onCancel }: { personId: string; open: boolean; onSubmit(reason: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open={open} title={t('person.reasonTitle')} footer={null} onCancel={onCancel} destroyOnHidden>
      <Typography.Paragraph>{t('person.reasonIntro', { personId })}</Typography.Paragraph>
      <Form form={form} name="reason" layout="vertical" onFinish={({ reason }) => onSubmit(reason.trim())} requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('person.reason')}
          rules={[
            { required: true, whitespace: true, message: t('person.reasonRequired') },
            { max: 2_000, message: t('form.tooLong', { max: 2_000 }) },
          ]}
        >
          <Input.TextArea rows={3} placeholder={t('person.reasonPlaceholder')} autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {t('person.open')}
        </Button>
      </Form>
    </Modal>
  );
}
