import { describe, expect, it } from 'vitest';
import { brandColours, contrast } from './brand.js';

describe('portal brand colours', () => {
  it('keep text on the brand colour and the accent on white at 4.5:1 or more', () => {
    for (const color of ['#ffee00', '#3b5bdb', '#000000', '#ffffff', '#12b886', '#fa5252', null, 'not a colour']) {
      const { brand, onBrand, accent } = brandColours(color);
      expect(contrast(brand, onBrand), `${color} text`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(accent, '#ffffff'), `${color} accent`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
