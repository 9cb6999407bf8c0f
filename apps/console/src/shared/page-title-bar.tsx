import { ReloadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** A staff page's heading row: its title, a reload button and the page's own actions after it. */
export function PageTitleBar({ title, onReload, children }: { title: string; onReload(): void; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {title}
      </Typography.Title>
      <Space>
        <Button icon={<ReloadOutlined />} onClick={onReload}>
          {t('desk.reload')}
        </Button>
        {children}
      </Space>
    </Space>
  );
}
