import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes } from 'react-router';
import { ApiError } from '../../lib/api';
import { listDialogues, type DialogueSummary } from './api';
import Conversation from './Conversation';
import { PublicFrame } from '../../components/PublicFrame';
import './navigator.css';

/** Which municipality's guide: straight into it when there is only one. */
function Chooser() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<DialogueSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    listDialogues().then((r) => setItems(r.items), setError);
  }, []);
  if (items?.length === 1) return <Navigate to={`/lotse/${items[0].ags}`} replace />;
  const lang = i18n.language === 'en' ? 'en' : 'de';
  return (
    <PublicFrame home="/lotse" variant="lotse" title={t('navigator.title')}>
      <h1>{t('navigator.title')}</h1>
      <p className="lotse-lead">{t('navigator.chooserIntro')}</p>
      <p className="lotse-privacy">{t('navigator.privacy')}</p>
      {error && (
        <p role="alert" className="error">
          {error.code === 'NETWORK' ? t('errors.network') : t('errors.generic', { message: error.message })}
        </p>
      )}
      {!items && !error && <p role="status">{t('app.loading')}</p>}
      {items && items.length === 0 && <p>{t('navigator.noneYet')}</p>}
      {items && items.length > 1 && (
        <>
          <h2>{t('navigator.choose')}</h2>
          <ul className="lotse-places">
            {items.map((d) => (
              <li key={d.ags}>
                <Link to={`/lotse/${d.ags}`}>{d.title[lang]}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </PublicFrame>
  );
}

/** The intake navigator ("Hilfe-Lotse"): public, stores nothing. */
export default function NavigatorPage() {
  return (
    <Routes>
      <Route index element={<Chooser />} />
      <Route path=":ags" element={<Conversation />} />
      <Route path="*" element={<Chooser />} />
    </Routes>
  );
}
