/** Colour choices offered next to the colour field; any #rrggbb is accepted. */
export const colorSwatches = [
  '#1c7ed6',
  '#4263eb',
  '#7048e8',
  '#ae3ec9',
  '#d6336c',
  '#e03131',
  '#f76707',
  '#f59f00',
  '#37b24d',
  '#0ca678',
  '#1098ad',
  '#495057',
];

export const isColor = (value: string) => /^#[0-9a-fA-F]{6}$/.test(value);
