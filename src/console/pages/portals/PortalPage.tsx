import { Alert, Anchor, Badge, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { companyDetailSchema } from '../../../shared/contracts/companies.js';
import { portalSchema, slugTakenDetails, type Portal } from '../../../shared/contracts/portals.js';
import { api, ApiError } from '../../api/client.js';
import { errorText, fieldProblemText } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';
import type { FieldProblem } from '../../../shared/field-problems.js';
import { can, useSession } from '../../api/queries.js';
import { FormAlert, LoadError, PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { companyKeys } from '../companies/api.js';
import { ForbiddenPage, NotFoundPage } from '../StatusPages.js';
import { fetchPortal, portalKeys } from './api.js';
import { changesOf, draftOf, previewOf, type PortalDraft } from './draft.js';
import { FieldsSection } from './FieldsSection.js';
import { GeneralSection } from './GeneralSection.js';
import { HoursSection } from './HoursSection.js';
import { PreviewPanel } from './PreviewPanel.js';
import { WaitingSection } from './WaitingSection.js';

/** Choice options as typed (one per line) become the list the server expects. */
function cleaned(draft: PortalDraft): PortalDraft {
  return {
    ...draft,
    fields: {
      ...draft.fields,
      custom: draft.fields.custom.map((f) =>
        f.type === 'choice'
          ? { ...f, options: (f.options ?? []).map((o) => o.trim()).filter(Boolean) }
          : { ...f, options: undefined },
      ),
    },
  };
}

function Editor({ portal, companyName }: { portal: Portal; companyName: string }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PortalDraft>(() => draftOf(portal));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string[]>([]);
  const editable = portal.abilities.update;
  const changes = useMemo(() => changesOf(portal, cleaned(draft)), [portal, draft]);
  const dirty = Object.keys(changes).length > 0;
  // follow a change saved elsewhere while nothing is being edited here
  const [seenAt, setSeenAt] = useState(portal.updatedAt);
  if (seenAt !== portal.updatedAt) {
    setSeenAt(portal.updatedAt);
    if (!dirty) setDraft(draftOf(portal));
  }

  const save = useMutation({
    mutationFn: () => api.patch(`/companies/${portal.companyId}/portal`, changes, { schema: portalSchema }),
    onSuccess: (updated) => {
      queryClient.setQueryData(portalKeys.portal(portal.companyId), updated);
      setDraft(draftOf(updated));
      setProblems({});
      setFailure([]);
      notifications.show({ color: 'teal', message: t('portals.page.saved') });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'conflict' && slugTakenDetails.safeParse(error.details).success) {
        setProblems({ slug: t('portals.general.slugTaken') });
        return;
      }
      if (error instanceof ApiError && error.fieldProblems.length > 0) {
        const text = (p: FieldProblem) => fieldProblemText(t, p, currentLanguage());
        setProblems(Object.fromEntries(error.fieldProblems.map((p) => [p.path.replace(/^body\./, ''), text(p)])));
        setFailure(error.fieldProblems.map((p) => `${p.path.replace(/^body\./, '')}: ${text(p)}`));
        return;
      }
      setFailure([errorText(t, error, locale)]);
    },
  });
  const preview = useMemo(() => previewOf(portal, cleaned(draft), companyName), [portal, draft, companyName]);
  const props = { portal, draft, onChange: setDraft, editable, problems };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!dirty) return void notifications.show({ color: 'gray', message: t('portals.page.nothingChanged') });
            save.mutate();
          }}
        >
          <Stack gap="lg">
            {!editable ? (
              <Alert color="gray" variant="light">
                {t('portals.page.readOnly')}
              </Alert>
            ) : null}
            <FormAlert messages={failure} />
            <GeneralSection {...props} />
            <FieldsSection {...props} />
            <HoursSection {...props} />
            {editable ? (
              <Group
                justify="flex-end"
                pos="sticky"
                bottom={0}
                py="sm"
                bg="var(--mantine-color-body)"
                style={{ zIndex: 2 }}
              >
                {dirty ? (
                  <Badge color="yellow" variant="light">
                    {t('portals.page.unsaved')}
                  </Badge>
                ) : null}
                <Button type="submit" loading={save.isPending}>
                  {t('portals.page.save')}
                </Button>
              </Group>
            ) : null}
            <WaitingSection portal={portal} editable={editable} />
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <div style={{ position: 'sticky', top: 76 }}>
          <PreviewPanel preview={preview} path={portal.path} />
        </div>
      </Grid.Col>
    </Grid>
  );
}

/** Configure › Customer portals › one company's portal. */
export default function PortalPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { companyId = '' } = useParams();
  const allowed = can(me, 'portals.read');
  const portal = useQuery({
    queryKey: portalKeys.portal(companyId),
    queryFn: ({ signal }) => fetchPortal(companyId, signal),
    enabled: allowed,
  });
  const company = useQuery({
    queryKey: companyKeys.detail(companyId),
    queryFn: ({ signal }) =>
      api.get(`/companies/${encodeURIComponent(companyId)}`, { schema: companyDetailSchema, signal }),
    enabled: allowed,
  });
  usePageTitle(company.data ? t('portals.page.heading', { company: company.data.name }) : t('portals.title'));
  if (!allowed) return <ForbiddenPage title={t('portals.title')} />;
  if (portal.isPending || company.isPending) return <PageLoader />;
  const error = portal.error ?? company.error;
  if (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFoundPage />;
    return <LoadError error={error} onRetry={() => void portal.refetch()} />;
  }
  return (
    <>
      <Anchor
        component={Link}
        to="/portals"
        size="sm"
        mb="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden />
        {t('portals.page.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end" mb="lg">
        <div>
          <Title order={1} fz={{ base: 24, sm: 28 }} style={{ overflowWrap: 'anywhere' }}>
            {t('portals.page.heading', { company: company.data!.name })}
          </Title>
          <Text c="dimmed" size="sm">
            {portal.data!.path}
          </Text>
        </div>
      </Group>
      <Editor key={portal.data!.id} portal={portal.data!} companyName={company.data!.name} />
    </>
  );
}
