import { DatePicker, Form, Input } from 'antd';
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

export function ReasonField({ name = 'reason', label }: { name?: string; label?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label ?? t('form.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2_000, message: t('form.tooLong', { max: 2_000 }) }]}>
      <Input.TextArea rows={3} />
    </Form.Item>
  );
}
