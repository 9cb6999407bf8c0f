import type { Dayjs } from 'dayjs';
import { type Answer, answer, api } from '../../api/client.ts';
import { AtField, ChoiceField, TextField } from '../../shared/fields.tsx';
import { type WorkflowStep, stepRequest, stepTime, workflowStep } from '../../shared/workflow-step.tsx';

export type BadReviewCase = Answer<'GET /v1/bad-reviews/{id}'>;
export const badReviewStatuses = ['open', 'justified', 'unjustified', 'rectified', 'called-back'] as const;
const callbackResults = ['satisfied', 'unsatisfied', 'unreachable'] as const;

/**
 * A step of a bad-review case (SPEC 11): the route it calls (and so who sees it), when it fits the case for the
 * role (the decider's rules, so that the page offers what can succeed; the API still decides), its fields.
 */
type BadReviewStep<Values> = WorkflowStep<BadReviewCase, Values>;

const step = <Values,>(definition: BadReviewStep<Values>) => workflowStep(definition);
/** The API's limit on a verification's or call-back's note. */
const noteLimit = 4_000;
const settled = (badReview: BadReviewCase) => badReview.status === 'rectified' || badReview.status === 'called-back';

export const badReviewSteps = [
  step<{ justified: boolean; note: string; at?: Dayjs }>({
    name: 'verify',
    route: 'POST /v1/bad-reviews/{id}/verification',
    label: 'badReviewStep.verify',
    // The liaison verifies once; the evaluation office may verify first or overrule the liaison, once.
    fits: (badReview, role) =>
      !settled(badReview) && (badReview.verifiedBy === undefined || (badReview.verifiedBy === 'department-liaison' && role === 'evaluation-office')),
    fields: ['justified', 'note', 'at'],
    Fields: ({ t }) => (
      <>
        <ChoiceField
          name="justified"
          label={t('badReview.verdict')}
          options={[
            { value: true, label: t('badReview.justified') },
            { value: false, label: t('badReview.unjustified') },
          ]}
        />
        <TextField name="note" label={t('badReview.note')} max={noteLimit} />
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer(
        'POST /v1/bad-reviews/{id}/verification',
        await api.POST('/v1/bad-reviews/{id}/verification', { ...stepRequest(id, key), body: { justified: values.justified, note: values.note.trim(), ...stepTime(values) } }),
      ),
  }),
  step<{ result: (typeof callbackResults)[number]; note?: string; at?: Dayjs }>({
    name: 'callback',
    route: 'POST /v1/bad-reviews/{id}/callback',
    label: 'badReviewStep.callback',
    // The rater is called back once the rectification item the case opened is completed.
    fits: (badReview) => badReview.status === 'rectified',
    fields: ['result', 'note', 'at'],
    Fields: ({ t }) => (
      <>
        <ChoiceField name="result" label={t('badReview.callbackResult')} options={callbackResults.map((result) => ({ value: result, label: t(`callbackResult.${result}`) }))} />
        <TextField name="note" label={t('badReview.note')} optional max={noteLimit} />
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer(
        'POST /v1/bad-reviews/{id}/callback',
        await api.POST('/v1/bad-reviews/{id}/callback', { ...stepRequest(id, key), body: { result: values.result, ...(values.note?.trim() ? { note: values.note.trim() } : {}), ...stepTime(values) } }),
      ),
  }),
];
