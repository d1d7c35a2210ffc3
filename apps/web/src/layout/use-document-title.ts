import { useEffect } from 'react';

/** Sets the tab title to "<page> · Insignia". */
export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = `${page} · Insignia`;
  }, [page]);
}
