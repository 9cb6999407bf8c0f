import { Result } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The public rankings and bulletins read routes that are being built (GET /v1/public/rankings/{year},
 * GET /v1/public/bulletins); until they land, their pages say so rather than show an empty list.
 */
export function NotYetPublished({ page }: { page: 'rankings' | 'bulletins' }) {
  const { t } = useI18n();
  return <Result status="info" title={<h1 style={{ fontSize: 22, margin: 0 }}>{t(page === 'rankings' ? 'public.navRankings' : 'public.navBulletins')}</h1>} subTitle={t('public.notYet')} />;
}
