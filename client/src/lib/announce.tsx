import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

type Announce = (text: string) => void;

const AnnounceContext = createContext<Announce>(() => {});

/**
 * The one polite live region of the app, mounted by the shell before anything is announced, so
 * screen readers have seen it empty and read each text put into it. It outlives route changes:
 * "request sent" is still read after the page that sent it has gone. Each call is one
 * announcement; the same text twice in a row is read twice (the region is emptied first).
 */
export function AnnounceProvider({ children }: { children: ReactNode }) {
  const [text, setText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback<Announce>((next) => {
    clearTimeout(timer.current);
    setText('');
    // a separate change after the emptying, so an equal text counts as new
    timer.current = setTimeout(() => setText(next), 50);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext.Provider value={value}>
      {children}
      <div id="live-notices" className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {text}
      </div>
    </AnnounceContext.Provider>
  );
}

/** `announce(text)`: says `text` once to screen-reader users through the shell's live region. */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
