import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { newIdempotencyKey } from '../api/client.ts';
import { ApiError, type ProblemDetails } from '../api/problem.ts';

export interface FormProblem {
  problem: ProblemDetails;
  /** Field errors whose path names no field of the form: shown with the problem. */
  unplaced: Array<{ path: string; message: string }>;
}

/** The ApiError a call threw, or a problem standing for the network failure it was. */
export function problemFromError(error: unknown): ProblemDetails {
  if (error instanceof ApiError) return error.problem;
  return { type: 'about:blank', title: 'Network error', status: 0, detail: error instanceof Error ? error.message : String(error) };
}

/**
 * Submits a form to the API. A refusal's field errors (`errors[].path`, e.g. `body.reason`) are shown under the
 * field they name; the rest of the problem above the buttons. One Idempotency-Key per form until it succeeds,
 * so a retry after a lost answer cannot write twice.
 */
export function useApiForm<Values>(
  form: FormInstance<Values>,
  fields: readonly string[],
  send: (values: Values, idempotencyKey: string) => Promise<unknown>,
  onDone?: () => void,
) {
  const [pending, setPending] = useState(false);
  const [formProblem, setFormProblem] = useState<FormProblem | undefined>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const submit = useCallback(
    async (values: Values) => {
      setPending(true);
      setFormProblem(undefined);
      try {
        await send(values, idempotencyKey);
        setIdempotencyKey(newIdempotencyKey());
        onDone?.();
      } catch (error) {
        const problem = problemFromError(error);
        const unplaced: FormProblem['unplaced'] = [];
        const placed = new Map<string, string[]>();
        for (const fieldError of problem.errors ?? []) {
          // `body.departmentsAtFault.0` → the longest dotted prefix that is a field of this form.
          const segments = fieldError.path.split('.').slice(1);
          const field = segments.map((_, index) => segments.slice(0, segments.length - index).join('.')).find((name) => fields.includes(name));
          if (field) placed.set(field, [...(placed.get(field) ?? []), fieldError.message]);
          else unplaced.push(fieldError);
        }
        form.setFields([...placed].map(([name, errors]) => ({ name: name.split('.') as never, errors })));
        setFormProblem({ problem, unplaced });
      } finally {
        setPending(false);
      }
    },
    [fields, form, idempotencyKey, onDone, send],
  );
  return { submit, pending, formProblem };
}
