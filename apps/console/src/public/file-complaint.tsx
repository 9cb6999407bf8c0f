import { Button, Card, Form, Input, Result, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { answer, api } from '../api/client.ts';
import type { PublicChannel } from '../api/vocabulary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApiForm } from '../shared/api-form.ts';
import { type ComplaintFieldValues, ComplaintFields, complainantOf, complaintFieldNames } from '../shared/complaint-fields.tsx';
import { instantOf } from '../shared/fields.tsx';
import { ProblemAlert } from '../shared/problem-alert.tsx';
import { type PublicDepartment, usePublicDepartmentName, usePublicDepartments } from './public-departments.ts';

/** The QR code's department, by name (its id until the name is known); the form keeps its id. */
function FixedDepartment({ id, value }: { id?: string; value?: string }) {
  const name = usePublicDepartmentName(value);
  return <Input id={id} readOnly value={name ?? ''} data-testid="fixed-department" />;
}

/** The department complained about, chosen by name from the registered ones (typed to search). */
function DepartmentChoice({ departments, ...control }: { departments: PublicDepartment[]; id?: string; value?: string; onChange?: (value: string) => void }) {
  const { t } = useI18n();
  const options = useMemo(() => departments.map((department) => ({ value: department.departmentId, label: department.name })), [departments]);
  return <Select {...control} showSearch={{ optionFilterProp: 'label' }} placeholder={t('file.departmentSearch')} options={options} />;
}

/**
 * `/`: a complainant files without an account (SPEC 8). `/?departmentId=…&channel=qr-code` is what the QR code
 * at a service window opens: the department is the window's and the channel says how the complaint came in.
 */
export function FileComplaintPage() {
  const { t } = useI18n();
  const [search] = useSearchParams();
  const fromQr = search.get('channel') === 'qr-code' && Boolean(search.get('departmentId'));
  const channel: PublicChannel = fromQr ? 'qr-code' : 'web';
  const initialValues = useMemo(() => ({ departmentId: search.get('departmentId') ?? '' }), [search]);
  const [form] = Form.useForm<ComplaintFieldValues>();
  const [filed, setFiled] = useState<string | undefined>();
  const { departments } = usePublicDepartments(!fromQr);
  // Departments by name; by id only when none can be read (the directory failed, or nothing is registered yet).
  const departmentInput = fromQr ? <FixedDepartment /> : departments && departments.length > 0 ? <DepartmentChoice departments={departments} /> : undefined;
  const { submit, pending, formProblem } = useApiForm(form, complaintFieldNames, async (values: ComplaintFieldValues, idempotencyKey) => {
    const body = {
      channel,
      departmentId: values.departmentId.trim(),
      ...(values.personId?.trim() ? { personId: values.personId.trim() } : {}),
      category: values.category,
      summary: values.summary.trim(),
      ...(values.occurredAt ? { occurredAt: instantOf(values.occurredAt) } : {}),
      ...complainantOf(values),
    };
    const filing = answer('POST /v1/public/complaints', await api.POST('/v1/public/complaints', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));
    setFiled(filing.trackingCode);
  });

  if (filed) {
    return (
      <Card>
        <Result
          status="success"
          title={<h1 style={{ fontSize: 22, margin: 0 }}>{t('file.filed')}</h1>}
          subTitle={t('file.keepCode')}
          extra={
            <>
              <Typography.Paragraph copyable={{ text: filed }} style={{ fontSize: 24, fontFamily: 'monospace' }} data-testid="tracking-code">
                {filed}
              </Typography.Paragraph>
              <Link to={`/track/${filed}`}>
                <Button type="primary">{t('file.follow')}</Button>
              </Link>
            </>
          }
        />
      </Card>
    );
  }
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('file.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{fromQr ? t('file.introQr') : t('file.intro')}</Typography.Paragraph>
      <Form form={form} name="file" layout="vertical" onFinish={submit} initialValues={initialValues} data-testid="file-form" data-channel={channel}>
        <ComplaintFields departmentFixed={fromQr} departmentInput={departmentInput} />
        {formProblem && <ProblemAlert problem={formProblem.problem} unplaced={formProblem.unplaced} />}
        <Button type="primary" htmlType="submit" size="large" block loading={pending} style={{ marginTop: 16 }}>
          {t('file.submit')}
        </Button>
      </Form>
    </Card>
  );
}
