import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { PasswordResetLink } from '../../../shared/contracts/password-reset.js';
import { EmailedLinkPage } from '../../kit/EmailedLinkPage.js';
import { LinkPasswordForm, linkGoneOn404 } from '../../kit/LinkPasswordForm.js';
import { emptyNewPassword, newPasswordRules, type NewPasswordValues } from '../../kit/NewPasswordFields.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useFormat } from '../../lib/format.js';
import { completePasswordReset, usePasswordResetLink } from './password-reset-api.js';

/** The page of an e-mailed reset link, in the user's language: a new password, then on to sign in. */
export default function PasswordResetPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const link = usePasswordResetLink(token);
  return (
    <EmailedLinkPage
      link={link}
      title={t('passwordReset.title')}
      subtitle={(data) => t('passwordReset.subtitle', { email: data.email, account: data.accountName })}
      gone={{
        title: t('passwordReset.invalidTitle'),
        text: t('passwordReset.invalid'),
        action: t('passwordReset.askAgain'),
        to: '/forgot-password',
      }}
    >
      {(data) => <NewPasswordForm token={token} link={data} onGone={() => void link.refetch()} />}
    </EmailedLinkPage>
  );
}

function NewPasswordForm({ token, link, onGone }: { token: string; link: PasswordResetLink; onGone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const api = useApiForm({
    form: { mode: 'uncontrolled', initialValues: emptyNewPassword, validate: newPasswordRules(t) },
    mutationFn: (values: NewPasswordValues) => completePasswordReset(token, values.password),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('passwordReset.done'), autoClose: 10_000 });
      void navigate('/login', { replace: true });
    },
    handleError: linkGoneOn404(onGone),
  });

  return (
    <LinkPasswordForm
      api={api}
      email={link.email}
      submitLabel={t('passwordReset.submit')}
      footnote={t('passwordReset.expires', { date: format.dateTime(link.expiresAt) })}
    />
  );
}
