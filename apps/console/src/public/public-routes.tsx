import { Spin } from 'antd';
import { Suspense, lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { FileComplaintPage } from './file-complaint.tsx';
import { BulletinPage, BulletinsPage } from './bulletins.tsx';
import { PublicLayout } from './public-layout.tsx';
import { TrackLookup, TrackPage } from './track.tsx';

// The chart library is large: only the rankings page loads it, so filing and tracking stay light on a phone.
const RankingsPage = lazy(() => import('./rankings.tsx').then((module) => ({ default: module.RankingsPage })));

export default function PublicRoutes() {
  return (
    <PublicLayout>
      <Routes>
        <Route index element={<FileComplaintPage />} />
        <Route path="track" element={<TrackLookup />} />
        <Route path="track/:trackingCode" element={<TrackPage />} />
        <Route path="rankings" element={
            <Suspense fallback={<Spin />}>
              <RankingsPage />
            </Suspense>
          } />
        <Route path="bulletins" element={<BulletinsPage />} />
        <Route path="bulletins/:bulletinId" element={<BulletinPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </PublicLayout>
  );
}
