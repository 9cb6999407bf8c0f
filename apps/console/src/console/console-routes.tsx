import { Result } from 'antd';
import { Navigate, Route, Routes, useParams } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { useSession } from '../session/session.tsx';
import { ComplaintDesk } from './complaints/complaint-desk.tsx';
import { DepartmentLookup, DepartmentPage } from './departments/department-page.tsx';
import { ConsoleLayout } from './layout.tsx';
import { type ConsolePage, pagesFor } from './pages.ts';
import { PersonLookup, PersonPage } from './person/person-page.tsx';
import { SignIn } from './sign-in.tsx';
import { BadReviewBoard } from './bad-reviews/bad-review-board.tsx';
import { AuditPage } from './audit/audit-page.tsx';
import { BulletinsPage } from './bulletins/bulletins-page.tsx';
import { KeysPage } from './keys/keys-page.tsx';
import { RectificationBoard } from './rectification/rectification-board.tsx';

/** Only pages the signed-in role may read are routed; any other console path says so instead of failing later. */
function Guarded({ page, children }: { page: ConsolePage['path']; children: React.ReactNode }) {
  const { session } = useSession();
  const { t } = useI18n();
  if (!pagesFor(session?.role).some((allowed) => allowed.path === page)) {
    return <Result status="403" title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('console.forbidden')}</h1>} subTitle={t('console.forbiddenDetail')} />;
  }
  return children;
}

function Notice({ status, title }: { status: 'info' | '404'; title: MessageKey }) {
  const { t } = useI18n();
  return <Result status={status} title={<h1 style={{ fontSize: 24, margin: 0 }}>{t(title)}</h1>} />;
}

function PersonRoute() {
  const { personId = '' } = useParams();
  return <PersonPage key={personId} personId={personId} />;
}

function DepartmentRoute() {
  const { departmentId = '' } = useParams();
  return <DepartmentPage key={departmentId} departmentId={departmentId} />;
}

export default function ConsoleRoutes() {
  const { session } = useSession();
  if (!session) return <SignIn />;
  const [home] = pagesFor(session.role);
  return (
    <ConsoleLayout>
      <Routes>
        <Route index element={home ? <Navigate to={home.path} replace /> : <Notice status="info" title="console.noPages" />} />
        <Route path="complaints" element={<Guarded page="complaints"><ComplaintDesk /></Guarded>} />
        <Route path="complaints/:complaintId" element={<Guarded page="complaints"><ComplaintDesk /></Guarded>} />
        <Route path="people" element={<Guarded page="people"><PersonLookup /></Guarded>} />
        <Route path="people/:personId" element={<Guarded page="people"><PersonRoute /></Guarded>} />
        <Route path="departments" element={<Guarded page="departments"><DepartmentLookup /></Guarded>} />
        <Route path="departments/:departmentId" element={<Guarded page="departments"><DepartmentRoute /></Guarded>} />
        <Route path="rectification" element={<Guarded page="rectification"><RectificationBoard /></Guarded>} />
        <Route path="rectification/:rectificationId" element={<Guarded page="rectification"><RectificationBoard /></Guarded>} />
        <Route path="bad-reviews" element={<Guarded page="bad-reviews"><BadReviewBoard /></Guarded>} />
        <Route path="bad-reviews/:badReviewId" element={<Guarded page="bad-reviews"><BadReviewBoard /></Guarded>} />
        <Route path="bulletins" element={<Guarded page="bulletins"><BulletinsPage /></Guarded>} />
        <Route path="audit" element={<Guarded page="audit"><AuditPage /></Guarded>} />
        <Route path="keys" element={<Guarded page="keys"><KeysPage /></Guarded>} />
        <Route path="*" element={<Notice status="404" title="notFound.title" />} />
      </Routes>
    </ConsoleLayout>
  );
}
