import { Badge, Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../session/api.js';
import { PageHeader } from '../components/PageHeader.js';
import { usePageBlurb, usePageName } from '../company-label/useCompanyLabel.js';
import { useFormat } from '../lib/format.js';
import { configureItems, mayOpen } from '../navigation.js';

/** Configure: every account page the signed-in person may open, as a grid (also the top bar's Configure menu). */
export default function ConfigurePage() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const pageName = usePageName();
  const pageBlurb = usePageBlurb();
  const items = configureItems.filter((item) => mayOpen(me, item));

  return (
    <>
      <PageHeader
        title={t('nav.configure')}
        description={t('home.intro', { account: me.account.name, role: t(`roles.${me.user.role}`) })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        {items.map((item) => {
          const Icon = item.icon;
          return (
            <Card
              key={item.page}
              component={Link}
              to={item.path}
              withBorder
              radius="md"
              padding="lg"
              className="link-card"
            >
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" size={40} radius="md" aria-hidden>
                    <Icon size={22} />
                  </ThemeIcon>
                  <div>
                    <Text fw={600}>{pageName(item.page)}</Text>
                    <Text size="sm" c="dimmed" mt={2}>
                      {pageBlurb(item.page)}
                    </Text>
                  </div>
                </Group>
                <IconChevronRight size={18} aria-hidden style={{ flexShrink: 0, marginTop: 4 }} />
              </Group>
              {!item.available ? (
                <Badge variant="light" color="gray" mt="md" size="sm">
                  {t('home.comingLater')}
                </Badge>
              ) : null}
            </Card>
          );
        })}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xl">
        {t('home.accountSince', { date: format.date(me.account.createdAt), timeZone: format.timeZone })}
      </Text>
    </>
  );
}
