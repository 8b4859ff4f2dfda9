import { Route, Routes } from 'react-router';
import Conversation from './Conversation';
import { PlaceFinder } from './PlaceFinder';
import './navigator.css';

/** The intake navigator ("Hilfe-Lotse"): public, stores nothing on the server. */
export default function NavigatorPage() {
  return (
    <Routes>
      <Route index element={<PlaceFinder />} />
      <Route path=":ags" element={<Conversation />} />
      <Route path="*" element={<PlaceFinder />} />
    </Routes>
  );
}
