import { Segmented } from 'antd';
import { type Locale, useI18n } from '../i18n/i18n.tsx';

/** 中文 / English: every page offers it; the choice is kept on this browser. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      aria-label={t('app.language')}
      size="small"
      value={locale}
      onChange={setLocale}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
