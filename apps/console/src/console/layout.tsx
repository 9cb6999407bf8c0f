import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { LanguageSwitch } from '../app/language-switch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';
import { pagesFor } from './pages.ts';
import { tagColors } from '../shared/tag-colors.ts';

export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  const location = useLocation();
  const pages = pagesFor(session?.role);
  const selected = pages.find((page) => location.pathname.startsWith(`/console/${page.path}`))?.path;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Text>
        <nav aria-label={t('nav.label')} style={{ flex: 1, minWidth: 0 }}>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={selected ? [selected] : []}
            items={pages.map((page) => ({ key: page.path, label: <Link to={`/console/${page.path}`}>{t(page.label)}</Link> }))}
          />
        </nav>
        <Space>
          {session && (
            <Tag variant="solid" color={tagColors.orange} data-testid="role">
              {t(`role.${session.role}`)}
            </Tag>
          )}
          <LanguageSwitch />
          <Button size="small" icon={<LogoutOutlined />} onClick={signOut}>
            {t('signIn.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      {/* Layout.Content is the page's <main>. */}
      <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
    </Layout>
  );
}
