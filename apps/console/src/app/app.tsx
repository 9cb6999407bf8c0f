import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjsZhCN from 'dayjs/locale/zh-cn';
import { Suspense, lazy, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { SessionProvider } from '../session/session.tsx';
import { dayjs } from '../shared/time.ts';
import { NotFound } from './not-found.tsx';

// Each side is its own chunk: a citizen's phone never downloads the staff pages or the chart library.
const ConsoleRoutes = lazy(() => import('../console/console-routes.tsx'));
const PublicRoutes = lazy(() => import('../public/public-routes.tsx'));

/**
 * The office's red, and text colours dark enough for WCAG AA contrast (4.5:1) wherever the library's defaults
 * are lighter (secondary text, links, error messages).
 */
const theme = {
  token: {
    colorPrimary: '#b71c1c',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    borderRadius: 4,
  },
};

function Localised() {
  const { locale } = useI18n();
  useEffect(() => {
    // Month and weekday names of the date pickers.
    dayjs.locale(locale === 'zh-CN' ? dayjsZhCN : 'en');
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<Spin fullscreen />}>
            <Routes>
              <Route path="/console/*" element={<ConsoleRoutes />} />
              <Route path="/*" element={<PublicRoutes />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Localised />
      </SessionProvider>
    </I18nProvider>
  );
}
