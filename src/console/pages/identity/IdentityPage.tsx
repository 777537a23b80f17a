import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { PageGuard } from '../StatusPages.js';
import { GroupMappingPanel } from './GroupMappingPanel.js';
import { ScimPanel } from './ScimPanel.js';
import { SignInProvidersPanel } from './SignInProvidersPanel.js';

const tabs = ['providers', 'groups', 'scim'] as const;
type Tab = (typeof tabs)[number];

/** Sign-in & provisioning: single sign-on providers, the rules from groups to access, SCIM tokens. */
export default function IdentityPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = tabs.find((name) => name === asked) ?? 'providers';
  return (
    <PageGuard page="identity">
      <PageHeader title={t('nav.identity')} description={t('identity.description')} />
      <Tabs
        value={tab}
        onChange={(next) => setParams(next && next !== 'providers' ? { tab: next } : {})}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`identity.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="providers">
          <SignInProvidersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="groups">
          <GroupMappingPanel />
        </Tabs.Panel>
        <Tabs.Panel value="scim">
          <ScimPanel />
        </Tabs.Panel>
      </Tabs>
    </PageGuard>
  );
}
