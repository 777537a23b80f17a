/**
 * The company's colour on the page, kept readable: buttons and the header use it with black or
 * white text, whichever contrasts more; links and focus rings use a shade dark enough for
 * 4.5:1 on white (WCAG AA).
 */
const fallback = '#3b5bdb';

function channels(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : null;
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const ca = channels(a);
  const cb = channels(b);
  if (!ca || !cb) return 1;
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function toHex(c: [number, number, number]): string {
  return `#${c
    .map((v) =>
      Math.round(Math.max(0, Math.min(255, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The colour darkened until it reaches `ratio` against white. */
function darkenFor(hex: string, ratio: number): string {
  let c = channels(hex) ?? channels(fallback)!;
  for (let i = 0; i < 40 && contrast(toHex(c), '#ffffff') < ratio; i++) c = [c[0] * 0.9, c[1] * 0.9, c[2] * 0.9];
  return toHex(c);
}

export interface BrandColours {
  brand: string;
  onBrand: string;
  /** text and focus colour on white */
  accent: string;
}

export function brandColours(color: string | null | undefined): BrandColours {
  const brand = color && channels(color) ? color.toLowerCase() : fallback;
  const onBrand = contrast(brand, '#ffffff') >= contrast(brand, '#000000') ? '#ffffff' : '#000000';
  return { brand, onBrand, accent: darkenFor(brand, 4.5) };
}

/** Sets the colours as CSS variables on the page (through the CSSOM: the CSP allows no inline style). */
export function applyBrand(color: string | null | undefined): void {
  const { brand, onBrand, accent } = brandColours(color);
  const style = document.documentElement.style;
  style.setProperty('--brand', brand);
  style.setProperty('--on-brand', onBrand);
  style.setProperty('--accent', accent);
}
