import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { type ComplaintCategory, complaintCategories } from '../api/vocabulary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { isAfterLedgerToday } from './time.ts';

/** What a complaint says, on the clerk's desk and on the public page alike (API.md: POST /v1/complaints). */
export interface ComplaintFieldValues {
  departmentId: string;
  personId?: string;
  category: ComplaintCategory;
  summary: string;
  occurredAt?: Dayjs;
  complainant?: { name?: string; phone?: string; email?: string };
}

export const complaintFieldNames = ['departmentId', 'personId', 'category', 'summary', 'occurredAt', 'complainant.name', 'complainant.phone', 'complainant.email'] as const;

const trimmed = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** The complainant's identity as the API takes it: only what was given (an empty object would be no identity). */
export function complainantOf(values: ComplaintFieldValues): { complainant?: { name?: string; phone?: string; email?: string } } {
  const given = Object.fromEntries(
    Object.entries({ name: trimmed(values.complainant?.name), phone: trimmed(values.complainant?.phone), email: trimmed(values.complainant?.email) }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  return Object.keys(given).length ? { complainant: given } : {};
}

/**
 * `departmentInput` is the public page's department control, which names departments (a choice by name, or the QR
 * code's department by name); without it the department is typed by its id, as staff do.
 */
export function ComplaintFields({ departmentFixed = false, departmentInput }: { departmentFixed?: boolean; departmentInput?: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="departmentId"
        label={departmentInput ? t('file.departmentNamed') : t('file.department')}
        extra={departmentFixed ? t('file.departmentFromQr') : departmentInput ? t('file.departmentPick') : t('file.departmentHelp')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        {departmentInput ?? <Input readOnly={departmentFixed} />}
      </Form.Item>
      <Form.Item name="category" label={t('file.category')} rules={[{ required: true, message: t('form.required') }]}>
        <Select options={complaintCategories.map((category) => ({ value: category, label: t(`category.${category}`) }))} />
      </Form.Item>
      <Form.Item name="summary" label={t('file.summary')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 10_000, message: t('form.tooLong', { max: 10_000 }) }]}>
        <Input.TextArea rows={5} showCount maxLength={10_000} placeholder={t('file.summaryPlaceholder')} />
      </Form.Item>
      <Form.Item name="personId" label={t('file.person')} extra={t('file.personHelp')}>
        <Input />
      </Form.Item>
      <Form.Item name="occurredAt" label={t('file.occurredAt')}>
        <DatePicker showTime disabledDate={isAfterLedgerToday} style={{ width: '100%' }} />
      </Form.Item>
      <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('file.complainant')}</legend>
        <Form.Item name={['complainant', 'name']} label={t('file.name')}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name={['complainant', 'phone']} label={t('file.phone')}>
          <Input autoComplete="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item name={['complainant', 'email']} label={t('file.email')} rules={[{ type: 'email', message: t('form.email') }]}>
          <Input autoComplete="email" inputMode="email" />
        </Form.Item>
      </fieldset>
    </>
  );
}
