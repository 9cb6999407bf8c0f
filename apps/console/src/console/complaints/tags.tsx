import { Tag } from 'antd';
import type { ComplaintStatus, FindingOutcome } from '../../api/vocabulary.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { tagColors } from '../../shared/tag-colors.ts';

const statusColors: Record<ComplaintStatus, string> = {
  filed: tagColors.neutral,
  accepted: tagColors.blue,
  rejected: tagColors.neutral,
  found: tagColors.cyan,
  appealed: tagColors.purple,
  closed: tagColors.green,
};

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  const { t } = useI18n();
  return <Tag variant="solid" color={statusColors[status]}>{t(`status.${status}`)}</Tag>;
}

export function OutcomeTag({ outcome }: { outcome: FindingOutcome }) {
  const { t } = useI18n();
  return <Tag variant="solid" color={outcome === 'invalid' ? tagColors.neutral : tagColors.volcano}>{t(`outcome.${outcome}`)}</Tag>;
}

export function OverdueTag() {
  const { t } = useI18n();
  return (
    <Tag variant="solid" color={tagColors.red} data-testid="overdue">
      {t('complaint.overdue')}
    </Tag>
  );
}
