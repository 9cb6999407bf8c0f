import { Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageSwitch } from '../app/language-switch.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** The citizen's side: one narrow column that reads on a phone (390 px) as well as on a desk. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <header style={{ background: '#b71c1c', padding: '12px 16px' }}>
        <div style={{ maxWidth: 720, margin: '0 auto', display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
          <Link to="/" style={{ color: '#fff', fontSize: 17, fontWeight: 600 }}>
            {t('public.title')}
          </Link>
          <LanguageSwitch />
        </div>
        <nav aria-label={t('nav.label')} style={{ maxWidth: 720, margin: '8px auto 0', display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Link to="/" style={{ color: '#fff' }}>
            {t('public.navFile')}
          </Link>
          <Link to="/track" style={{ color: '#fff' }}>
            {t('public.navTrack')}
          </Link>
          <Link to="/rankings" style={{ color: '#fff' }}>
            {t('public.navRankings')}
          </Link>
          <Link to="/bulletins" style={{ color: '#fff' }}>
            {t('public.navBulletins')}
          </Link>
        </nav>
      </header>
      {/* Layout.Content is the page's <main>. */}
      <Layout.Content style={{ padding: 16 }}>
        <div style={{ maxWidth: 720, margin: '0 auto' }}>{children}</div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', padding: 16 }}>
        <Typography.Text type="secondary">{t('public.privacy')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
