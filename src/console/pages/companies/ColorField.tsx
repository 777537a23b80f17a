import { ColorInput, type ColorInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { colorSwatches } from './colors.js';

/** The company colour: any #rrggbb, with a few suggestions; empty for none. */
export function ColorField(props: ColorInputProps) {
  const { t } = useTranslation();
  return (
    <ColorInput
      label={t('companies.create.color')}
      description={t('companies.create.colorHelp')}
      format="hex"
      swatches={colorSwatches}
      maxLength={7}
      {...props}
    />
  );
}
