import { Route, Routes } from 'react-router';
import OfferPage from './OfferPage';
import SearchPage from './SearchPage';

/** The public directory: search (list and map) and one offer. */
export default function DirectoryPage() {
  return (
    <Routes>
      <Route index element={<SearchPage />} />
      <Route path="angebot/:id" element={<OfferPage />} />
      <Route path="*" element={<SearchPage />} />
    </Routes>
  );
}
