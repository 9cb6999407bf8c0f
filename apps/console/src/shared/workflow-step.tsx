import { App, Button, Form, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { Role, RouteKey } from '../api/route-roles.ts';
import { type Translate, useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { may } from '../session/access.ts';
import { useApiForm } from './api-form.ts';
import { instantOf } from './fields.tsx';
import { ProblemAlert } from './problem-alert.tsx';

/**
 * One workflow step on a record (a complaint, a rectification item, a bad-review case) as a detail drawer offers it: the route it
 * calls (and so the roles that see it), when it fits the record as it stands (the decider's state rules, so that
 * the drawer offers what can succeed; the API still decides, and a refusal is shown on the form), its fields and
 * how they become the request body.
 */
export interface WorkflowStep<Subject, Values> {
  name: string;
  route: RouteKey;
  label: MessageKey;
  /** The role matters where the rules differ by who acts (a bad review's second verification). */
  fits(subject: Subject, role: Role | undefined): boolean;
  /** The body's field names, so a problem's `errors[].path` lands under its field. */
  fields: readonly string[];
  Fields(props: { t: Translate }): ReactNode;
  send(id: string, values: Values, idempotencyKey: string): Promise<unknown>;
}

/** Steps differ in their values; the drawer handles them alike (antd forms carry untyped values anyway). */
export type AnyWorkflowStep<Subject> = WorkflowStep<Subject, Record<string, unknown>>;

export const workflowStep = <Subject, Values>(definition: WorkflowStep<Subject, Values>) => definition as unknown as AnyWorkflowStep<Subject>;

/** The optional business time of a step as the body's `at` (left out when none was picked: the API takes now). */
export const stepTime = (values: { at?: Dayjs }) => {
  const instant = instantOf(values.at);
  return instant ? { at: instant } : {};
};

/** The path and idempotency key of a step's request on record `id`. */
export const stepRequest = (id: string, idempotencyKey: string) => ({ params: { path: { id } }, headers: { 'idempotency-key': idempotencyKey } });

/** The steps this role may take (the API's own table) that fit the record as it stands. */
export const stepsOpenTo = <Subject,>(steps: readonly AnyWorkflowStep<Subject>[], role: Role | undefined, subject: Subject) =>
  steps.filter((step) => may(role, step.route) && step.fits(subject, role));

/** The buttons of the steps on offer, or a note that there are none. */
export function StepButtons<Subject>({ steps, label, none, onPick }: { steps: readonly AnyWorkflowStep<Subject>[]; label: string; none: string; onPick(step: AnyWorkflowStep<Subject>): void }) {
  const { t } = useI18n();
  return (
    <section aria-label={label}>
      <Space wrap data-testid="steps">
        {steps.length === 0 && <Typography.Text type="secondary">{none}</Typography.Text>}
        {steps.map((step) => (
          <Button key={step.name} type="primary" ghost onClick={() => onPick(step)} data-step={step.name}>
            {t(step.label)}
          </Button>
        ))}
      </Space>
    </section>
  );
}

/** A step's form in a modal: sends it on record `id` and reports success, or shows the API's problem on the form. */
export function StepForm<Subject>({ step, id, formName, onClose, onDone }: { step: AnyWorkflowStep<Subject>; id: string; formName: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { submit, pending, formProblem } = useApiForm(
    form,
    step.fields,
    (values, idempotencyKey) => step.send(id, values, idempotencyKey),
    () => {
      void message.success(t('step.done', { step: t(step.label) }));
      onDone();
    },
  );
  return (
    <Modal open title={t(step.label)} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} name={formName} layout="vertical" onFinish={submit} data-testid={`step-form-${step.name}`}>
        <step.Fields t={t} />
        {formProblem && <ProblemAlert problem={formProblem.problem} unplaced={formProblem.unplaced} />}
        <Button type="primary" htmlType="submit" loading={pending} block style={{ marginTop: 16 }}>
          {t('step.submit', { step: t(step.label) })}
        </Button>
      </Form>
    </Modal>
  );
}
