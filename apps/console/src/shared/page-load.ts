import { useCallback, useEffect, useState } from 'react';
import type { ProblemDetails } from '../api/problem.ts';
import { problemFromError } from './api-form.ts';

/**
 * A page's loading: `load` runs `fetch` (which sets the page's own state) with the loading flag on and the last
 * problem cleared, shows its failure as the problem, and runs once more whenever `fetch` changes (pass a
 * `useCallback`). `after` is the cursor of the next page, for lists loaded page by page.
 */
export function usePageLoad(fetch: (after?: string) => Promise<void>) {
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | undefined>();
  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      setProblem(undefined);
      try {
        await fetch(after);
      } catch (error) {
        setProblem(problemFromError(error));
      } finally {
        setLoading(false);
      }
    },
    [fetch],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return { load, loading, problem, setProblem };
}
