import { Space, type TableColumnsType, Typography } from 'antd';

import { useNavigate } from 'react-router';
import type { Answer } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatInstant } from '../../shared/time.ts';
import { RectificationOverdueTag, RectificationStatusTag } from './rectification-tags.tsx';

export type RectificationSummary = Answer<'GET /v1/rectifications'>['items'][number];

/** The columns every list of rectification items starts with: the problem (opening the item on the board), its state, deadline and who answers for it. */
export function useRectificationColumns(): TableColumnsType<RectificationSummary> {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  return [
    {
      title: t('rect.problem'),
      dataIndex: 'problem',
      render: (problemText: string, item) => (
        <Typography.Link onClick={() => navigate(`/console/rectification/${item.rectificationId}`)} ellipsis style={{ maxWidth: 280 }}>
          {problemText}
        </Typography.Link>
      ),
    },
    {
      title: t('rect.status'),
      dataIndex: 'status',
      render: (status: RectificationSummary['status'], item) => (
        <Space size={4}>
          <RectificationStatusTag status={status} />
          {item.overdue && <RectificationOverdueTag />}
        </Space>
      ),
    },
    { title: t('rect.deadline'), dataIndex: 'deadline', render: (at: string) => formatInstant(at, locale, 'date') },
    { title: t('rect.responsible'), dataIndex: 'responsiblePersonId', render: (id?: string) => id ?? '—' },
  ];
}
