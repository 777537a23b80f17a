import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logoContentTypes } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { useSession } from '../../session/api.js';
import { useFormat } from '../../lib/format.js';
import { refreshCompanies, removeLogo, uploadLogo } from './api.js';
import { byteSize } from './byte-size.js';

/** Uploading (a file checked for its type and size first) and removing a company's logo, with the problem to show. */
export function useCompanyLogo(companyId: string) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);

  const explain = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'unsupported_media_type') return t('companies.logo.wrongType');
    if (error instanceof ApiError && error.code === 'payload_too_large')
      return t('companies.logo.tooLargeServer', { max: byteSize(limits.companyLogoBytes, locale) });
    return errorText(t, error, locale);
  };
  const done = (message: string) => {
    setProblem(null);
    refreshCompanies(queryClient);
    notifications.show({ color: 'teal', message });
  };
  const upload = useMutation({
    mutationFn: (file: File) => uploadLogo(companyId, file, me.csrfToken),
    onSuccess: () => done(t('companies.logo.uploaded')),
    onError: (error) => setProblem(explain(error)),
  });
  const remove = useMutation({
    mutationFn: () => removeLogo(companyId),
    onSuccess: () => done(t('companies.logo.removed')),
    onError: (error) => setProblem(errorText(t, error, locale)),
  });

  const choose = (file: File | null) => {
    if (!file) return;
    // the server checks the bytes themselves; this only spares a useless upload
    if (!(logoContentTypes as readonly string[]).includes(file.type)) {
      setProblem(t('companies.logo.wrongType'));
      return;
    }
    if (file.size > limits.companyLogoBytes) {
      setProblem(
        t('companies.logo.tooLarge', {
          size: byteSize(file.size, locale),
          max: byteSize(limits.companyLogoBytes, locale),
        }),
      );
      return;
    }
    upload.mutate(file);
  };
  return { upload, remove, choose, problem };
}
