import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { FileComplaintPage } from './file-complaint.tsx';
import { NotYetPublished } from './not-yet-published.tsx';
import { PublicLayout } from './public-layout.tsx';
import { TrackLookup, TrackPage } from './track.tsx';

export default function PublicRoutes() {
  return (
    <PublicLayout>
      <Routes>
        <Route index element={<FileComplaintPage />} />
        <Route path="track" element={<TrackLookup />} />
        <Route path="track/:trackingCode" element={<TrackPage />} />
        <Route path="rankings" element={<NotYetPublished page="rankings" />} />
        <Route path="bulletins" element={<NotYetPublished page="bulletins" />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </PublicLayout>
  );
}
