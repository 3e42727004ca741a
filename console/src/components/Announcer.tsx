// One polite live region for the whole console: "Approved review 01J…", "3 new held requests".
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((m: string) => {
    // Clearing first makes a repeated message be read again.
    setMessage('');
    setTimeout(() => setMessage(m), 50);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext.Provider value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

/** `announce("Approved")`: read out by screen readers without moving focus. */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
