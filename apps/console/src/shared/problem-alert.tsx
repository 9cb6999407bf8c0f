import { Alert } from 'antd';
import type { ProblemDetails } from '../api/problem.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';

const statusMessages: Record<number, MessageKey> = {
  0: 'problem.network',
  400: 'problem.400',
  401: 'problem.401',
  403: 'problem.403',
  404: 'problem.404',
  409: 'problem.409',
  422: 'problem.422',
  429: 'problem.429',
};

/** A refusal in the page's language, with the ledger's own detail (which names the rule) beneath it. */
export function ProblemAlert({ problem, unplaced = [] }: { problem: ProblemDetails; unplaced?: ReadonlyArray<{ path: string; message: string }> }) {
  const { t } = useI18n();
  const message = t(statusMessages[problem.status] ?? (problem.status >= 500 ? 'problem.500' : 'problem.other'), { status: problem.status });
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem"
      title={message}
      description={
        <>
          {problem.detail && <div>{problem.detail}</div>}
          {unplaced.map(({ path, message: fieldMessage }) => (
            <div key={path}>
              <code>{path}</code>: {fieldMessage}
            </div>
          ))}
        </>
      }
    />
  );
}
