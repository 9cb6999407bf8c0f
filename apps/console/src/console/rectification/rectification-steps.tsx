import type { Dayjs } from 'dayjs';
import { type Answer, answer, api } from '../../api/client.ts';
import { AtField, ChoiceField, TextField } from '../../shared/fields.tsx';
import { type WorkflowStep, stepRequest, stepTime, workflowStep } from '../../shared/workflow-step.tsx';

export type RectificationItem = Answer<'GET /v1/rectifications/{id}'>;

/**
 * A step of a rectification item (SPEC 10): the route it calls (and so who sees it), when it fits the item as it
 * stands (the decider's rules, so that the board offers what can succeed; the API still decides), its fields.
 */
type RectificationStep<Values> = WorkflowStep<RectificationItem, Values>;

const step = <Values,>(definition: RectificationStep<Values>) => workflowStep(definition);
/** The API's limit on a step's note or evidence. */
const noteLimit = 4_000;
const unfinished = (item: RectificationItem) => item.status === 'open' || item.status === 'in-progress';

export const rectificationSteps = [
  step<{ note: string; at?: Dayjs }>({
    name: 'progress',
    route: 'POST /v1/rectifications/{id}/progress',
    label: 'rectStep.progress',
    fits: unfinished,
    fields: ['note', 'at'],
    Fields: ({ t }) => (
      <>
        <TextField name="note" label={t('rect.note')} max={noteLimit} />
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer('POST /v1/rectifications/{id}/progress', await api.POST('/v1/rectifications/{id}/progress', { ...stepRequest(id, key), body: { note: values.note.trim(), ...stepTime(values) } })),
  }),
  step<{ evidence: string; at?: Dayjs }>({
    name: 'complete',
    route: 'POST /v1/rectifications/{id}/complete',
    label: 'rectStep.complete',
    fits: unfinished,
    fields: ['evidence', 'at'],
    Fields: ({ t }) => (
      <>
        <TextField name="evidence" label={t('rect.evidence')} max={noteLimit} />
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer('POST /v1/rectifications/{id}/complete', await api.POST('/v1/rectifications/{id}/complete', { ...stepRequest(id, key), body: { evidence: values.evidence.trim(), ...stepTime(values) } })),
  }),
  step<{ accepted: boolean; note: string; at?: Dayjs }>({
    name: 'verify',
    route: 'POST /v1/rectifications/{id}/verify',
    label: 'rectStep.verify',
    fits: (item) => item.status === 'completed',
    fields: ['accepted', 'note', 'at'],
    Fields: ({ t }) => (
      <>
        <ChoiceField
          name="accepted"
          label={t('rect.verdict')}
          options={[
            { value: true, label: t('rect.accepted') },
            { value: false, label: t('rect.sentBack') },
          ]}
        />
        <TextField name="note" label={t('rect.verifyNote')} max={noteLimit} />
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer(
        'POST /v1/rectifications/{id}/verify',
        await api.POST('/v1/rectifications/{id}/verify', { ...stepRequest(id, key), body: { accepted: values.accepted, note: values.note.trim(), ...stepTime(values) } }),
      ),
  }),
];
