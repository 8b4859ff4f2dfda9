import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../../../shared/errors';
import type { NavigatorDialogueView, NavigatorManaged } from '../../../../../shared/schemas/navigator';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Form, TextField } from '../../../components/form';
import { useAnnounce } from '../../../lib/announce';
import { ApiError } from '../../../lib/api';
import { afterRender, focusElement } from '../../../lib/focus';
import { issueText } from '../../../lib/issues';
import { getDialogue, getDialogueSource, getManaged, previewDialogue, publishDialogue, removeDialogue } from '../api';
import Conversation from '../Conversation';
import '../navigator.css';

interface Issue extends FieldIssue {
  rule?: string;
  params?: Record<string, string>;
}

/**
 * Platform admin (any district) and office admin (its own): load a dialogue file, see what is
 * wrong with it step by step, walk it as a family would, and publish it.
 */
export default function DialogueAdminPage() {
  const { t } = useTranslation();
  const [managed, setManaged] = useState<NavigatorManaged | null>(null);
  const [ags, setAgs] = useState('');
  const [current, setCurrent] = useState<NavigatorDialogueView | null>(null);
  const [draft, setDraft] = useState<unknown>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [preview, setPreview] = useState<NavigatorDialogueView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const announce = useAnnounce();
  const issuesRef = useRef<HTMLHeadingElement>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    getManaged().then((m) => {
      setManaged(m);
      if (!m.all && m.items[0]) setAgs(m.items[0].ags);
    }, setError);
  }, []);
  useEffect(() => {
    setCurrent(null);
    let latest = true; // a slower answer for the previously chosen municipality is dropped
    if (/^\d{5}$/.test(ags)) getDialogue(ags).then((d) => latest && setCurrent(d), () => latest && setCurrent(null));
    return () => {
      latest = false;
    };
  }, [ags]);
  useEffect(() => {
    if (issues.length) issuesRef.current?.focus();
  }, [issues]);
  useEffect(() => {
    if (preview) previewRef.current?.focus();
  }, [preview]);

  /** A rule the server names, said in the interface's language; the server's words otherwise. */
  // a rule of the dialogue check has its own sentence; a schema issue is worded from its code, never the server's English
  const say = (i: Issue) => (i.rule ? t(`navigator.admin.rules.${i.rule}`, i.params ?? {}) : t('navigator.admin.fieldIssue', { path: i.path.replace(/^body\./, ''), message: issueText(t, i) }));

  async function onFile(e: FormEvent<HTMLInputElement>) {
    setPreview(null);
    setIssues([]);
    setStatus('');
    setError(null);
    const file = e.currentTarget.files?.[0];
    if (!file) return;
    try {
      setDraft(JSON.parse(await file.text()));
      setFileError(null);
    } catch (err) {
      setDraft(null);
      setFileError(t('navigator.admin.notJson', { message: (err as Error).message }));
    }
  }

  async function check(e: FormEvent) {
    e.preventDefault();
    setPreview(null);
    setIssues([]);
    setStatus('');
    setError(null);
    if (!/^\d{5}$/.test(ags)) return setFileError(t('navigator.admin.agsRequired'));
    if (!draft) return setFileError(t('navigator.admin.fileRequired'));
    try {
      setPreview(await previewDialogue(ags, draft));
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setIssues(err.issues as Issue[]);
      else setError(err as ApiError);
    }
  }

  async function publish() {
    setError(null);
    try {
      const r = await publishDialogue(ags, draft);
      setStatus(t('navigator.admin.published', { version: r.version }));
      // the focus stays on "Veröffentlichen": the result is said through the shell's live region
      announce(t('navigator.admin.published', { version: r.version }));
      setCurrent(await getDialogue(ags));
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setIssues(err.issues as Issue[]);
      else setError(err as ApiError);
    }
  }

  async function remove() {
    setError(null);
    try {
      await removeDialogue(ags);
      setStatus(t('navigator.admin.removed'));
      setCurrent(await getDialogue(ags));
      // the remove button is gone: the focus goes to the result, which reads it
      afterRender(() => focusElement(statusRef.current));
    } catch (err) {
      setError(err as ApiError);
    }
  }

  async function download() {
    try {
      const d = await getDialogueSource(ags);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([JSON.stringify(d, null, 2)], { type: 'application/json' }));
      a.download = `hilfe-lotse-${ags}.json`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (err) {
      setError(err as ApiError);
    }
  }
  return (
    <>
      <h1>{t('navigator.admin.title')}</h1>
      <p>{t('navigator.admin.intro')}</p>
      <ErrorAlert error={error} />
      {/* not a live region: announced through the shell, or read when the focus comes here */}
      <p className="status" tabIndex={-1} ref={statusRef}>
        {status}
      </p>
      <Form onSubmit={check} error={null} className="stack">
        {managed?.all ? (
          <TextField id="nav-ags" label={t('navigator.admin.ags')} hint={t('navigator.admin.agsHint')} inputMode="numeric" maxLength={5} value={ags} onChange={(v) => setAgs(v.trim())} />
        ) : (
          managed && <p>{managed.items[0] ? t('navigator.admin.ownDistrict', { name: managed.items[0].name, ags: managed.items[0].ags }) : t('navigator.admin.noDistrict')}</p>
        )}
        {current && (
          <p>
            {t(`navigator.admin.source.${current.source}`, { version: current.version, name: current.districtName })}{' '}
            <button type="button" className="link" onClick={() => void download()}>
              {t('navigator.admin.download')}
            </button>
          </p>
        )}
        <TextField
          id="nav-file"
          type="file"
          accept="application/json,.json"
          label={t('navigator.admin.file')}
          hint={t('navigator.admin.fileHint')}
          onInput={(e) => void onFile(e)}
          error={fileError ?? undefined}
        />
        <p className="actions">
          <button type="submit" className="primary">
            {t('navigator.admin.check')}
          </button>
          {current?.source === 'loaded' && (
            <button type="button" onClick={remove}>
              {t('navigator.admin.remove')}
            </button>
          )}
        </p>
      </Form>
      {issues.length > 0 && (
        <section aria-labelledby="nav-issues" className="error-summary">
          <h2 id="nav-issues" ref={issuesRef} tabIndex={-1}>
            {t('navigator.admin.issues', { count: issues.length })}
          </h2>
          <ul>
            {issues.map((i, k) => (
              <li key={k}>{say(i)}</li>
            ))}
          </ul>
        </section>
      )}
      {preview && (
        <section aria-labelledby="nav-preview">
          <h2 id="nav-preview" ref={previewRef} tabIndex={-1}>
            {t('navigator.admin.preview')}
          </h2>
          <p>{t('navigator.admin.previewHint')}</p>
          <button type="button" className="primary" onClick={publish}>
            {t('navigator.admin.publish')}
          </button>
          <div className="lotse-preview-box">
            <Conversation preview={preview} />
          </div>
        </section>
      )}
    </>
  );
}
