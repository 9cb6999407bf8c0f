import { DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../i18n/i18n.tsx';
import { dayjs, isAfterLedgerToday, ledgerTimeZone } from './time.ts';

/** A picked wall-clock time read in the ledger's zone, as the API's ISO instant with offset. */
export const instantOf = (picked: Dayjs | undefined | null): string | undefined =>
  picked ? dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), ledgerTimeZone).format() : undefined;

/** The optional business time of a step (API.md: defaults to now; may be past, never future). */
export function AtField({ name = 'at', label }: { name?: string; label?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label ?? t('form.at')} extra={t('form.atHelp')}>
      <DatePicker showTime disabledDate={isAfterLedgerToday} style={{ width: '100%' }} />
    </Form.Item>
  );
}

/** A field of free text (a reason, a note, evidence): required unless `optional`, at most `max` characters where the API sets a limit. */
export function TextField({ name, label, optional = false, max }: { name: string; label: string; optional?: boolean; max?: number }) {
  const { t } = useI18n();
  const rules = [...(optional ? [] : [{ required: true, whitespace: true, message: t('form.required') }]), ...(max === undefined ? [] : [{ max, message: t('form.tooLong', { max }) }])];
  return (
    <Form.Item name={name} label={label} rules={rules}>
      <Input.TextArea rows={3} />
    </Form.Item>
  );
}

/** A step's reason (API.md: at most 2,000 characters). */
export function ReasonField({ name = 'reason', label }: { name?: string; label?: string }) {
  const { t } = useI18n();
  return <TextField name={name} label={label ?? t('form.reason')} max={2_000} />;
}

/** A required choice of one of a few values (a verdict, an outcome), each shown by its name. */
export function ChoiceField<Value extends string | boolean>({ name, label, options }: { name: string; label: string; options: { value: Value; label: string }[] }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('form.required') }]}>
      <Radio.Group options={options} />
    </Form.Item>
  );
}
