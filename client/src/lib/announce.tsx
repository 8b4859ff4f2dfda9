import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

/** `urgent`: an emergency that must interrupt (a new emergency request, an escalation); everything else waits its turn. */
type Announce = (text: string, options?: { urgent?: boolean }) => void;

const AnnounceContext = createContext<Announce>(() => {});

/**
 * The one live region of the app, mounted by the shell before anything is announced, so screen
 * readers have seen it empty and read each text put into it. It outlives route changes: "request
 * sent" is still read after the page that sent it has gone. Each call is one announcement; the same
 * text twice in a row is read twice (the region is emptied first). It is polite; an urgent
 * announcement (emergencies only) makes it assertive for that text, as Angular CDK's LiveAnnouncer
 * does, so there is still one region and one reading per change.
 */
export function AnnounceProvider({ children }: { children: ReactNode }) {
  const [said, setSaid] = useState({ text: '', urgent: false });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback<Announce>((next, options) => {
    const urgent = options?.urgent ?? false;
    clearTimeout(timer.current);
    setSaid({ text: '', urgent });
    // a separate change after the emptying (and after the politeness is set), so an equal text counts as new
    timer.current = setTimeout(() => setSaid({ text: next, urgent }), 50);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext.Provider value={value}>
      {children}
      <div id="live-notices" className="sr-only" role="status" aria-live={said.urgent ? 'assertive' : 'polite'} aria-atomic="true">
        {said.text}
      </div>
    </AnnounceContext.Provider>
  );
}

/** `announce(text)`: says `text` once to screen-reader users through the shell's live region. */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
