import { Navigate } from 'react-router';

/** The old figures page `/statistik` (issue 16 replaced it by the dashboards): bookmarks land on /monitoring. */
export default function StatisticsRedirect() {
  return <Navigate to="/monitoring" replace />;
}
