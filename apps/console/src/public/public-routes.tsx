import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { FileComplaintPage } from './file-complaint.tsx';
import { BulletinPage, BulletinsPage } from './bulletins.tsx';
import { PublicLayout } from './public-layout.tsx';
import { RankingsPage } from './rankings.tsx';
import { TrackLookup, TrackPage } from './track.tsx';

export default function PublicRoutes() {
  return (
    <PublicLayout>
      <Routes>
        <Route index element={<FileComplaintPage />} />
        <Route path="track" element={<TrackLookup />} />
        <Route path="track/:trackingCode" element={<TrackPage />} />
        <Route path="rankings" element={<RankingsPage />} />
        <Route path="bulletins" element={<BulletinsPage />} />
        <Route path="bulletins/:bulletinId" element={<BulletinPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </PublicLayout>
  );
}
