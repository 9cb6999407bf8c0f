import { Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { type Answer, answer, api } from '../../api/client.ts';
import type { RouteKey } from '../../api/route-roles.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.zh-CN.ts';
import { AtField, instantOf } from '../../shared/fields.tsx';

export type RectificationItem = Answer<'GET /v1/rectifications/{id}'>;

/**
 * A step of a rectification item (SPEC 10): the route it calls (and so who sees it), when it fits the item as it
 * stands (the decider's rules, so that the board offers what can succeed; the API still decides), its fields.
 */
export interface RectificationStep<Values> {
  name: string;
  route: RouteKey;
  label: MessageKey;
  fits(item: RectificationItem): boolean;
  fields: readonly string[];
  Fields(props: { t: Translate }): ReactNode;
  send(id: string, values: Values, idempotencyKey: string): Promise<unknown>;
}

const step = <Values,>(definition: RectificationStep<Values>) => definition as unknown as RectificationStep<Record<string, unknown>>;
const at = (values: { at?: Dayjs }) => {
  const instant = instantOf(values.at);
  return instant ? { at: instant } : {};
};
const on = (id: string, idempotencyKey: string) => ({ params: { path: { id } }, headers: { 'idempotency-key': idempotencyKey } });
const required = (t: Translate) => [{ required: true, whitespace: true, message: t('form.required') }, { max: 4_000, message: t('form.tooLong', { max: 4_000 }) }];
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
        <Form.Item name="note" label={t('rect.note')} rules={required(t)}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer('POST /v1/rectifications/{id}/progress', await api.POST('/v1/rectifications/{id}/progress', { ...on(id, key), body: { note: values.note.trim(), ...at(values) } })),
  }),
  step<{ evidence: string; at?: Dayjs }>({
    name: 'complete',
    route: 'POST /v1/rectifications/{id}/complete',
    label: 'rectStep.complete',
    fits: unfinished,
    fields: ['evidence', 'at'],
    Fields: ({ t }) => (
      <>
        <Form.Item name="evidence" label={t('rect.evidence')} rules={required(t)}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer('POST /v1/rectifications/{id}/complete', await api.POST('/v1/rectifications/{id}/complete', { ...on(id, key), body: { evidence: values.evidence.trim(), ...at(values) } })),
  }),
  step<{ accepted: boolean; note: string; at?: Dayjs }>({
    name: 'verify',
    route: 'POST /v1/rectifications/{id}/verify',
    label: 'rectStep.verify',
    fits: (item) => item.status === 'completed',
    fields: ['accepted', 'note', 'at'],
    Fields: ({ t }) => (
      <>
        <Form.Item name="accepted" label={t('rect.verdict')} rules={[{ required: true, message: t('form.required') }]}>
          <Radio.Group
            options={[
              { value: true, label: t('rect.accepted') },
              { value: false, label: t('rect.sentBack') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('rect.verifyNote')} rules={required(t)}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <AtField />
      </>
    ),
    send: async (id, values, key) =>
      answer(
        'POST /v1/rectifications/{id}/verify',
        await api.POST('/v1/rectifications/{id}/verify', { ...on(id, key), body: { accepted: values.accepted, note: values.note.trim(), ...at(values) } }),
      ),
  }),
];
