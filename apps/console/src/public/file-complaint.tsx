import { Button, Card, Form, Result, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { answer, api } from '../api/client.ts';
import type { PublicChannel } from '../api/vocabulary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApiForm } from '../shared/api-form.ts';
import { type ComplaintFieldValues, ComplaintFields, complainantOf, complaintFieldNames } from '../shared/complaint-fields.tsx';
import { instantOf } from '../shared/fields.tsx';
import { ProblemAlert } from '../shared/problem-alert.tsx';

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
        <ComplaintFields departmentFixed={fromQr} />
        {formProblem && <ProblemAlert problem={formProblem.problem} unplaced={formProblem.unplaced} />}
        <Button type="primary" htmlType="submit" size="large" block loading={pending} style={{ marginTop: 16 }}>
          {t('file.submit')}
        </Button>
      </Form>
    </Card>
  );
}
