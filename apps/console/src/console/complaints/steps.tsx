import { DatePicker, Form, Input, InputNumber, Rate, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { answer, api } from '../../api/client.ts';
import type { ComplaintView } from '../../api/undocumented-answers.ts';
import { type FindingOutcome, findingOutcomes } from '../../api/vocabulary.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import { AtField, ChoiceField, ReasonField, TextField, instantOf } from '../../shared/fields.tsx';
import { type WorkflowStep, stepRequest, stepTime, workflowStep } from '../../shared/workflow-step.tsx';

/** One workflow step of a complaint as the desk offers it; steps of later rounds (extension, explanation of an overdue complaint) are one more entry each. */
type Step<Values> = WorkflowStep<ComplaintView, Values>;

const step = <Values,>(definition: Step<Values>) => workflowStep(definition);

/** A step that asks only why (and, optionally, when). */
const ReasonAndTimeFields = () => (
  <>
    <ReasonField />
    <AtField />
  </>
);

export const complaintSteps = [
  step<{ at?: Dayjs }>({
    name: 'accept',
    route: 'POST /v1/complaints/{id}/accept',
    label: 'step.accept',
    fits: (complaint) => complaint.status === 'filed',
    fields: ['at'],
    Fields: () => <AtField />,
    send: async (id, values, key) => answer('POST /v1/complaints/{id}/accept', await api.POST('/v1/complaints/{id}/accept', { ...stepRequest(id, key), body: stepTime(values) })),
  }),
  step<{ reason: string; at?: Dayjs }>({
    name: 'reject',
    route: 'POST /v1/complaints/{id}/reject',
    label: 'step.reject',
    fits: (complaint) => complaint.status === 'filed',
    fields: ['reason', 'at'],
    Fields: ReasonAndTimeFields,
    send: async (id, values, key) =>
      answer('POST /v1/complaints/{id}/reject', await api.POST('/v1/complaints/{id}/reject', { ...stepRequest(id, key), body: { reason: values.reason, ...stepTime(values) } })),
  }),
  step<{ investigatorId: string; at?: Dayjs }>({
    name: 'assign',
    route: 'POST /v1/complaints/{id}/assign',
    label: 'step.assign',
    fits: (complaint) => complaint.status === 'accepted',
    fields: ['investigatorId', 'at'],
    Fields: ({ t }) => (
      <>
        <Form.Item name="investigatorId" label={t('step.investigatorId')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input />
        </Form.Item>
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer('POST /v1/complaints/{id}/assign', await api.POST('/v1/complaints/{id}/assign', { ...stepRequest(id, key), body: { investigatorId: values.investigatorId.trim(), ...stepTime(values) } })),
  }),
  step<{ outcome: FindingOutcome; personId?: string; departmentsAtFault?: string[]; note?: string; at?: Dayjs }>({
    name: 'finding',
    route: 'POST /v1/complaints/{id}/finding',
    label: 'step.finding',
    fits: (complaint) => complaint.status === 'accepted',
    fields: ['outcome', 'personId', 'departmentsAtFault', 'note', 'at'],
    Fields: ({ t }) => (
      <>
        <OutcomeField t={t} />
        <Form.Item name="personId" label={t('step.personId')} extra={t('step.personIdHelp')}>
          <Input />
        </Form.Item>
        <Form.Item name="departmentsAtFault" label={t('step.departmentsAtFault')} extra={t('step.departmentsAtFaultHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <TextField name="note" label={t('step.note')} optional />
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer(
        'POST /v1/complaints/{id}/finding',
        await api.POST('/v1/complaints/{id}/finding', {
          ...stepRequest(id, key),
          body: {
            outcome: values.outcome,
            ...(values.personId?.trim() ? { personId: values.personId.trim() } : {}),
            ...(values.departmentsAtFault?.length ? { departmentsAtFault: values.departmentsAtFault } : {}),
            ...(values.note?.trim() ? { note: values.note.trim() } : {}),
            ...stepTime(values),
          },
        }),
      ),
  }),
  step<{ satisfaction?: number; at?: Dayjs }>({
    name: 'close',
    route: 'POST /v1/complaints/{id}/close',
    label: 'step.close',
    fits: (complaint) => complaint.status === 'found',
    fields: ['satisfaction', 'at'],
    Fields: ({ t }) => (
      <>
        <Form.Item name="satisfaction" label={t('step.satisfaction')} extra={t('step.satisfactionHelp')}>
          <Rate count={5} />
        </Form.Item>
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer(
        'POST /v1/complaints/{id}/close',
        await api.POST('/v1/complaints/{id}/close', { ...stepRequest(id, key), body: { ...(values.satisfaction ? { satisfaction: values.satisfaction } : {}), ...stepTime(values) } }),
      ),
  }),
  step<{ reason: string; at?: Dayjs }>({
    name: 'reopen',
    route: 'POST /v1/complaints/{id}/reopen',
    label: 'step.reopen',
    fits: (complaint) => complaint.status === 'closed' && !complaint.reopened && (complaint.satisfaction ?? 5) <= 2,
    fields: ['reason', 'at'],
    Fields: ReasonAndTimeFields,
    send: async (id, values, key) =>
      answer('POST /v1/complaints/{id}/reopen', await api.POST('/v1/complaints/{id}/reopen', { ...stepRequest(id, key), body: { reason: values.reason, ...stepTime(values) } })),
  }),
  step<{ reason: string; at?: Dayjs }>({
    name: 'appeal',
    route: 'POST /v1/complaints/{id}/appeal',
    label: 'step.appeal',
    fits: (complaint) => (complaint.status === 'found' || complaint.status === 'closed') && !complaint.findingAppealed,
    fields: ['reason', 'at'],
    Fields: ReasonAndTimeFields,
    send: async (id, values, key) =>
      answer('POST /v1/complaints/{id}/appeal', await api.POST('/v1/complaints/{id}/appeal', { ...stepRequest(id, key), body: { reason: values.reason, ...stepTime(values) } })),
  }),
  step<{ decision: 'upheld' | 'overturned'; outcome?: FindingOutcome; reason: string; at?: Dayjs }>({
    name: 'appeal-decision',
    route: 'POST /v1/complaints/{id}/appeal-decision',
    label: 'step.appealDecision',
    fits: (complaint) => complaint.status === 'appealed',
    fields: ['decision', 'outcome', 'reason', 'at'],
    Fields: ({ t }) => (
      <>
        <ChoiceField
          name="decision"
          label={t('step.decision')}
          options={[
            { value: 'upheld', label: t('step.upheld') },
            { value: 'overturned', label: t('step.overturned') },
          ]}
        />
        <Form.Item noStyle dependencies={['decision']}>
          {({ getFieldValue }) => (getFieldValue('decision') === 'overturned' ? <OutcomeField t={t} label={t('step.newOutcome')} /> : null)}
        </Form.Item>
        <ReasonField />
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer(
        'POST /v1/complaints/{id}/appeal-decision',
        await api.POST('/v1/complaints/{id}/appeal-decision', {
          ...stepRequest(id, key),
          body: {
            decision: values.decision,
            ...(values.decision === 'overturned' && values.outcome ? { outcome: values.outcome } : {}),
            reason: values.reason,
            ...stepTime(values),
          },
        }),
      ),
  }),
  step<{ days: number; reason: string; at?: Dayjs }>({
    name: 'extend',
    route: 'POST /v1/complaints/{id}/extend',
    label: 'step.extend',
    // SPEC 3.2: once, while the deadline runs and has not passed (an overdue complaint is explained instead).
    fits: (complaint) => runsAgainstDeadline(complaint) && complaint.dueAt !== undefined && !complaint.extension && !complaint.overdue,
    fields: ['days', 'reason', 'at'],
    Fields: ({ t }) => (
      <>
        <Form.Item name="days" label={t('step.extendDays')} extra={t('step.extendDaysHelp')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <ReasonField />
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer('POST /v1/complaints/{id}/extend', await api.POST('/v1/complaints/{id}/extend', { ...stepRequest(id, key), body: { days: values.days, reason: values.reason, ...stepTime(values) } })),
  }),
  step<{ explanation: string; commitmentAt: Dayjs; at?: Dayjs }>({
    name: 'explanation',
    route: 'POST /v1/complaints/{id}/explanation',
    label: 'step.explanation',
    // SPEC 3.7: only an overdue complaint whose deadline still runs is explained, with a new commitment.
    fits: (complaint) => runsAgainstDeadline(complaint) && complaint.overdue === true,
    fields: ['explanation', 'commitmentAt', 'at'],
    Fields: ({ t }) => (
      <>
        <TextField name="explanation" label={t('step.explanationText')} max={2_000} />
        <Form.Item name="commitmentAt" label={t('step.commitmentAt')} extra={t('step.commitmentAtHelp')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer(
        'POST /v1/complaints/{id}/explanation',
        await api.POST('/v1/complaints/{id}/explanation', {
          ...stepRequest(id, key),
          body: { explanation: values.explanation, commitmentAt: instantOf(values.commitmentAt)!, ...stepTime(values) },
        }),
      ),
  }),
];

/** The decider's rule: a rejected or closed complaint (or one appealed after closing) no longer runs against a deadline. */
function runsAgainstDeadline(complaint: ComplaintView): boolean {
  if (complaint.status === 'rejected' || complaint.status === 'closed') return false;
  return complaint.status !== 'appealed' || (complaint.dueAt !== undefined && complaint.closedAt === undefined);
}

function OutcomeField({ t, label }: { t: Translate; label?: string }) {
  return (
    <ChoiceField name="outcome" label={label ?? t('step.outcome')} options={findingOutcomes.map((outcome) => ({ value: outcome, label: t(`outcome.${outcome}`) }))} />
  );
}
