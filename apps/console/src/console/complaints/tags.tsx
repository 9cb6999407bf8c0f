import { Tag } from 'antd';
import type { ComplaintStatus, FindingOutcome } from '../../api/vocabulary.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const statusColors: Record<ComplaintStatus, string> = {
  filed: 'default',
  accepted: 'blue',
  rejected: 'default',
  found: 'cyan',
  appealed: 'purple',
  closed: 'green',
};

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  const { t } = useI18n();
  return <Tag color={statusColors[status]}>{t(`status.${status}`)}</Tag>;
}

export function OutcomeTag({ outcome }: { outcome: FindingOutcome }) {
  const { t } = useI18n();
  return <Tag color={outcome === 'invalid' ? 'default' : 'volcano'}>{t(`outcome.${outcome}`)}</Tag>;
}

export function OverdueTag() {
  const { t } = useI18n();
  return (
    <Tag color="red" data-testid="overdue">
      {t('complaint.overdue')}
    </Tag>
  );
}
