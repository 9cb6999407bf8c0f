import { Tag } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { tagColors } from '../../shared/tag-colors.ts';
import type { RectificationItem } from './rectification-steps.tsx';

const statusColors: Record<RectificationItem['status'], string> = {
  open: tagColors.neutral,
  'in-progress': tagColors.blue,
  completed: tagColors.cyan,
  verified: tagColors.green,
};

export function RectificationStatusTag({ status }: { status: RectificationItem['status'] }) {
  const { t } = useI18n();
  return (
    <Tag variant="solid" color={statusColors[status]}>
      {t(`rectStatus.${status}`)}
    </Tag>
  );
}

export function RectificationOverdueTag() {
  const { t } = useI18n();
  return (
    <Tag variant="solid" color={tagColors.red} data-testid="overdue">
      {t('rect.overdue')}
    </Tag>
  );
}
