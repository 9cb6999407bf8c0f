import { Tag } from 'antd';
import type { PersonHistory } from '../../api/undocumented-answers.ts';
import { type Translate, useI18n } from '../../i18n/i18n.tsx';
import { tagColors } from '../../shared/tag-colors.ts';

export function SanctionStatusTag({ status }: { status: PersonHistory['sanctions'][number]['status'] }) {
  const { t } = useI18n();
  const color = { pending: tagColors.orange, 'carried-out': tagColors.green, rescinded: tagColors.neutral }[status];
  return <Tag variant="solid" color={color}>{t(`sanctionStatus.${status}`)}</Tag>;
}

const consequences = ['admonition-talk', 'no-excellent-rating', 'incompetent-rating', 'mandatory-training', 'removal-from-post', 'administrative-warning', 'heavier-sanction', 'dismissal'] as const;
/** A consequence's name in the page's language; a name a later policy adds shows as the ledger wrote it. */
export function consequenceLabel(t: Translate, name: string): string {
  const known = consequences.find((candidate) => candidate === name);
  return known ? t(`consequence.${known}`) : name;
}
