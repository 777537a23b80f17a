import { Anchor, Button, Stack } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageGuard } from '../StatusPages.js';
import { useContact } from './api.js';
import { DeleteModal } from './DeleteModal.js';
import { DetailsForm } from './DetailsForm.js';
import { MethodsSection } from './MethodsSection.js';

function Contact() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [deleting, setDeleting] = useState(false);
  const contact = useContact(id);
  if (contact.isPending) return <PageLoader />;
  if (contact.isError) return <LoadError error={contact.error} onRetry={() => void contact.refetch()} />;
  const c = contact.data;
  return (
    <>
      <Anchor component={Link} to="/contacts" size="sm">
        ← {t('contacts.title')}
      </Anchor>
      <PageHeader
        title={c.name}
        actions={
          c.abilities.delete ? (
            <Button
              color="red"
              variant="light"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setDeleting(true)}
            >
              {t('contacts.delete')}
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        <MethodsSection contact={c} />
        <DetailsForm contact={c} />
      </Stack>
      {deleting ? <DeleteModal contact={c} onClose={() => setDeleting(false)} /> : null}
    </>
  );
}

export default function ContactPage() {
  return (
    <PageGuard page="contacts">
      <Contact />
    </PageGuard>
  );
}
