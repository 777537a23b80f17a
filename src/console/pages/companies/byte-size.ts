/** "512 KB" / « 512 Ko », localised by Intl. */
export function byteSize(bytes: number, locale: string): string {
  const kb = bytes / 1024;
  if (kb < 1024)
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'kilobyte',
      maximumFractionDigits: kb < 10 ? 1 : 0,
    }).format(kb);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(kb / 1024);
}
