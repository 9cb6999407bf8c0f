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

function Localised() {
  const { locale } = useI18n();
  useEffect(() => {
    // Month and weekday names of the date pickers.
    dayjs.locale(locale === 'zh-CN' ? dayjsZhCN : 'en');
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
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
