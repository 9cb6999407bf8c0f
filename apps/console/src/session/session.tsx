import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';
import { setApiKey } from '../api/client.ts';
import type { Role } from '../api/route-roles.ts';
import { type RoleDetection, detectRole } from './access.ts';

export interface Session {
  key: string;
  role: Role;
}

/**
 * The signed-in key lives in sessionStorage: it survives a reload of the tab and is gone when the tab closes,
 * and no other tab or later visitor of a shared office computer finds it.
 */
const storageKey = 'ledger.console.session';

function storedSession(): Session | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as Session | null;
    return stored && typeof stored.key === 'string' && typeof stored.role === 'string' ? stored : undefined;
  } catch {
    return undefined;
  }
}

interface SessionContext {
  session: Session | undefined;
  signIn(key: string): Promise<RoleDetection>;
  signOut(): void;
}

const Context = createContext<SessionContext | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(() => {
    const stored = storedSession();
    setApiKey(stored?.key);
    return stored;
  });
  const signIn = useCallback(async (key: string) => {
    const detected = await detectRole(key.trim());
    if (detected.ok) {
      const signedIn = { key: key.trim(), role: detected.role };
      sessionStorage.setItem(storageKey, JSON.stringify(signedIn));
      setApiKey(signedIn.key);
      setSession(signedIn);
    }
    return detected;
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setApiKey(undefined);
    setSession(undefined);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const context = useContext(Context);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
