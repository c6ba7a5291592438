import { useEffect } from 'react';

/** The browser tab's title: the screen's name only, never a patient's. */
export function useTitle(screen: string): void {
  useEffect(() => {
    document.title = `${screen} · Secondary claims`;
  }, [screen]);
}
