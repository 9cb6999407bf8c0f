import { Button, Checkbox, Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A list's filter form, in one row (the complaint desk, the rectification board, the bad-review page): its fields
 * and the filter button. The typed ids named in `idFields` are trimmed, and one emptied filters no more.
 */
export function FilterForm<Filters extends object>({ name, idFields, onFilter, children }: { name: string; idFields: readonly (keyof Filters & string)[]; onFilter(filters: Filters): void; children: ReactNode }) {
  const { t } = useI18n();
  const filter = (values: Filters) => {
    const typed = values as Record<string, unknown>;
    onFilter({ ...values, ...Object.fromEntries(idFields.map((field) => [field, typeof typed[field] === 'string' ? typed[field].trim() || undefined : undefined])) });
  };
  return (
    <Form<Filters> name={name} layout="inline" style={{ marginTop: 16, rowGap: 8 }} onFinish={filter}>
      {children}
      <Button type="primary" htmlType="submit">
        {t('desk.filter')}
      </Button>
    </Form>
  );
}

/** A filter by a typed id (a department, a person). */
export const IdFilter = ({ name, label }: { name: string; label: string }) => (
  <Form.Item name={name} label={label}>
    <Input allowClear style={{ width: 160 }} />
  </Form.Item>
);

/** A filter by one of a few values (a status, a source), each shown by its name. */
export const ChoiceFilter = ({ name, label, width, options }: { name: string; label: string; width: number; options: { value: string; label: string }[] }) => (
  <Form.Item name={name} label={label}>
    <Select allowClear style={{ width }} options={options} />
  </Form.Item>
);

/** "Overdue only": the list without the records still in time. */
export const OverdueOnlyFilter = ({ label }: { label: string }) => (
  <Form.Item name="overdueOnly" valuePropName="checked">
    <Checkbox>{label}</Checkbox>
  </Form.Item>
);

/** The next page of a list loaded page by page, while there is one. */
export function LoadMoreButton({ next, onMore }: { next: string | undefined; onMore(): Promise<void> }) {
  const { t } = useI18n();
  return next ? (
    <Button style={{ marginTop: 16 }} onClick={() => void onMore()}>
      {t('desk.more')}
    </Button>
  ) : null;
}
