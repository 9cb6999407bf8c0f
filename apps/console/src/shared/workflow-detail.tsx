import { Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useSession } from '../session/session.tsx';
import { type AnyWorkflowStep, StepButtons, StepForm, stepsOpenTo } from './workflow-step.tsx';

interface WorkflowDetailProps<Subject> {
  /** The record as loaded, and its id. */
  subject: Subject;
  id: string;
  /** The detail's `data-testid` (browser tests find the drawer's content by it). */
  testId: string;
  /** The record's status tag(s), shown beside its id (`data-testid="detail-status"`), and any marks after them. */
  status: ReactNode;
  marks?: ReactNode;
  steps: readonly AnyWorkflowStep<Subject>[];
  /** The steps' section label and the note shown when none is open to the role. */
  stepsLabel: string;
  noSteps: string;
  /** A step's form is named `${formPrefix}-${step}` (its fields' ids follow it). */
  formPrefix: string;
  /** After a step succeeded: reload the record (and whatever lists it). */
  onStepDone(): void;
  /** What the page shows of the record: its fields and history. */
  children: ReactNode;
}

/**
 * A workflow record's detail as a drawer shows it (a complaint, a rectification item, a bad-review case): its id and
 * status, the steps the signed-in role may take on it as it stands, the record's own fields, and the picked step's
 * form.
 */
export function WorkflowDetail<Subject>({ subject, id, testId, status, marks, steps, stepsLabel, noSteps, formPrefix, onStepDone, children }: WorkflowDetailProps<Subject>) {
  const { session } = useSession();
  const [openStep, setOpenStep] = useState<AnyWorkflowStep<Subject> | undefined>();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid={testId}>
      <Space wrap>
        <Typography.Text strong copyable>
          {id}
        </Typography.Text>
        <span data-testid="detail-status">{status}</span>
        {marks}
      </Space>
      <StepButtons steps={stepsOpenTo(steps, session?.role, subject)} label={stepsLabel} none={noSteps} onPick={setOpenStep} />
      {children}
      {openStep && (
        <StepForm
          step={openStep}
          id={id}
          formName={`${formPrefix}-${openStep.name}`}
          onClose={() => setOpenStep(undefined)}
          onDone={() => {
            setOpenStep(undefined);
            onStepDone();
          }}
        />
      )}
    </Space>
  );
}
