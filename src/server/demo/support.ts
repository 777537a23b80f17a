import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../platform/db/pool.js';
import { randomSecret, sha256 } from '../platform/crypto/secrets.js';
import { portals } from '../modules/portals/tables.js';
import { insertMessage, insertRequest, nextNumber } from '../modules/requests/index.js';
import { users } from '../modules/users/tables.js';

type Line = ['customer' | 'technician' | 'system', string];

interface DemoRequest {
  company: string;
  customer: [string, string];
  question: string;
  technician?: string;
  status: 'closed' | 'offline' | 'answered';
  kind: 'chat' | 'question';
  outcome?: 'resolved' | 'unresolved' | 'unknown';
  notes?: string;
  daysAgo: number;
  lines: Line[];
}

const requests: DemoRequest[] = [
  {
    company: 'Northwind HQ',
    customer: ['Olivia Brown', 'olivia.brown@example.com'],
    question: 'Outlook keeps asking for my password since this morning.',
    technician: 'chloe@northwind.demo',
    status: 'closed',
    kind: 'chat',
    outcome: 'resolved',
    notes: 'Stale credential in the Windows vault; removed it and signed in again.',
    daysAgo: 3,
    lines: [
      ['system', 'Chloé joined the chat.'],
      ['technician', 'Hello Olivia, I can help. Did you change your password recently?'],
      ['customer', 'Yes, on Friday.'],
      [
        'technician',
        'Open Credential Manager and remove the entries that start with "MicrosoftOffice". Then restart Outlook.',
      ],
      ['customer', 'Done — it works again, thank you!'],
      ['system', 'This conversation is closed.'],
    ],
  },
  {
    company: 'Fabrikam Clinics',
    customer: ['Noah Wilson', 'noah.wilson@example.com'],
    question: 'The label printer at reception prints blank pages.',
    technician: 'david@northwind.demo',
    status: 'closed',
    kind: 'chat',
    outcome: 'unresolved',
    notes: 'Print head worn out; replacement ordered.',
    daysAgo: 1,
    lines: [
      ['system', 'David joined the chat.'],
      ['technician', 'Hi Noah, is the roll inserted with the shiny side up?'],
      ['customer', 'Yes, and I tried a new roll.'],
      ['technician', 'Then the print head has likely failed. We will send a replacement.'],
      ['system', 'This conversation is closed.'],
    ],
  },
  {
    company: 'Contoso Retail',
    customer: ['Léa Fontaine', 'lea.fontaine@example.com'],
    question: 'La caisse n° 3 ne se connecte plus au Wi-Fi depuis la mise à jour.',
    status: 'offline',
    kind: 'question',
    daysAgo: 0,
    lines: [
      [
        'system',
        'Personne n’a pu prendre la conversation en direct : votre question est conservée et recevra une réponse par e-mail.',
      ],
    ],
  },
  {
    company: 'Contoso Retail',
    customer: ['Hugo Lambert', 'hugo.lambert@example.com'],
    question: 'Comment ajouter un nouvel employé au logiciel de planning ?',
    technician: 'chloe@northwind.demo',
    status: 'answered',
    kind: 'question',
    daysAgo: 2,
    lines: [
      [
        'system',
        'Personne n’a pu prendre la conversation en direct : votre question est conservée et recevra une réponse par e-mail.',
      ],
      [
        'technician',
        'Bonjour Hugo, ouvrez Paramètres › Équipe › Ajouter, puis saisissez son adresse e-mail : il recevra une invitation.',
      ],
    ],
  },
  {
    company: 'Tailspin Toys',
    customer: ['Mia Clarke', 'mia.clarke@example.com'],
    question: 'Can you install the new design software on the studio Mac?',
    status: 'offline',
    kind: 'question',
    daysAgo: 0,
    lines: [['system', 'No one could take the chat live: your question is kept and will be answered by e-mail.']],
  },
];

/** The demo's portals (readable addresses, Contoso's in French) and a few completed chats and offline questions. */
export async function seedSupportDemo(tx: Tx, accountId: string, companyIds: Map<string, string>): Promise<void> {
  const slugs: Record<string, string> = {
    'Northwind HQ': 'northwind',
    'Contoso Retail': 'contoso',
    'Fabrikam Clinics': 'fabrikam',
    'Tailspin Toys': 'tailspin',
  };
  for (const [name, slug] of Object.entries(slugs)) {
    await tx
      .update(portals)
      .set({
        slug: `${slug}-help`,
        title: `${name} support`,
        welcome: {
          en: 'Ask your question: a technician answers.',
          fr: 'Posez votre question : un technicien vous répond.',
        },
        language: name === 'Contoso Retail' ? 'fr' : null,
      })
      .where(and(eq(portals.accountId, accountId), eq(portals.companyId, companyIds.get(name)!)));
  }
  const portalRows = await tx.select().from(portals).where(eq(portals.accountId, accountId));
  const staff = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.email, ['chloe@northwind.demo', 'david@northwind.demo'])));
  for (const r of requests) {
    const companyId = companyIds.get(r.company)!;
    const portal = portalRows.find((p) => p.companyId === companyId)!;
    const tech = staff.find((s) => s.email === r.technician) ?? null;
    const created = new Date(Date.now() - r.daysAgo * 86_400_000 - 3_600_000);
    const row = await insertRequest(tx, {
      accountId,
      companyId,
      portalId: portal.id,
      number: await nextNumber(tx, accountId),
      status: r.status,
      kind: r.kind,
      customerName: r.customer[0],
      customerEmail: r.customer[1],
      fields: {},
      question: r.question,
      language: portal.language === 'fr' ? 'fr' : 'en',
      visitorTokenHash: sha256(randomSecret()),
      assigneeId: tech?.id ?? null,
      offlineReason: r.kind === 'question' ? 'no_technician' : null,
      acceptedAt: r.kind === 'chat' ? new Date(created.getTime() + 40_000) : null,
      offlineAt: r.kind === 'question' ? created : null,
      answeredAt: r.status === 'answered' ? new Date(created.getTime() + 7_200_000) : null,
      closedAt: r.status === 'closed' ? new Date(created.getTime() + 900_000) : null,
      closedBy: r.status === 'closed' ? (tech?.id ?? null) : null,
      outcome: r.outcome ?? null,
      closeNotes: r.notes ?? null,
      createdAt: created,
    });
    const at = (i: number) => new Date(created.getTime() + (i + 1) * 60_000);
    await insertMessage(
      tx,
      { accountId, requestId: row.id, authorType: 'customer', authorName: r.customer[0], body: r.question },
      created,
    );
    for (const [i, [author, body]] of r.lines.entries()) {
      const name = author === 'customer' ? r.customer[0] : author === 'technician' ? (tech?.name ?? null) : null;
      await insertMessage(
        tx,
        {
          accountId,
          requestId: row.id,
          authorType: author,
          authorUserId: author === 'technician' ? (tech?.id ?? null) : null,
          authorName: name,
          body,
        },
        at(i),
      );
    }
  }
}
