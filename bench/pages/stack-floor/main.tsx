import '@mantine/core/styles.css';
import { AppShell, MantineProvider, Table, Title } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The floor of the console's stack (bench P16): React and Mantine with the console's styles, rendering the
 * floor page's heading and row in a shell, and nothing of Tandem (no router, no strings, no data). What any
 * page rendered in the browser with this stack costs here before it holds anything of its own.
 */
function Page() {
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header />
      <AppShell.Main id="main">
        <Title order={1}>Devices</Title>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>PC-000001</Table.Td>
              <Table.Td>pc-1.example.lan</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </AppShell.Main>
    </AppShell>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider>
      <Page />
    </MantineProvider>
  </StrictMode>,
);
