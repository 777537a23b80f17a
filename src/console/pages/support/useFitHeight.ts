import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The height that lets an element end `reserve` pixels above the bottom of the window (where the
 * message box goes), at least `min`: a chat's transcript scrolls inside its panel and the box stays
 * on screen. Measured again when the window is resized or `deps` change.
 */
export function useFitHeight(ref: RefObject<HTMLElement | null>, reserve: number, min: number, deps: unknown[]) {
  const [height, setHeight] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - reserve)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref, reserve, min, ...deps]);
  return height;
}
