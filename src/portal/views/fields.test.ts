import { describe, expect, it } from 'vitest';
import type { PortalFields } from '../../shared/contracts/portals.js';
import { translator } from '../i18n.js';
import { checkDraft, emptyDraft, problemKey, requestBody } from './fields.js';

const t = translator('en');
const fields: PortalFields = {
  phone: 'required',
  custom: [
    { key: 'device', label: 'Device', type: 'choice', required: true, options: ['Laptop', 'Phone'] },
    { key: 'urgent', label: 'Urgent', type: 'checkbox', required: false },
    { key: 'ref', label: 'Reference', type: 'text', required: false },
  ],
};

describe('the portal form', () => {
  it('names every missing or wrong answer, by field', () => {
    const problems = checkDraft(
      { ...emptyDraft, email: 'not an address', phone: 'abc', custom: { device: 'Tablet' } },
      fields,
      t,
    );
    expect(problems).toEqual({
      name: 'Required.',
      email: 'Enter a valid e-mail address, e.g. name@example.com.',
      phone: 'Enter a valid phone number, e.g. +33 6 12 34 56 78.',
      'fields.device': 'Choose one of the options.',
      question: 'Required.',
    });
  });

  it('sends only what was asked and answered, trimmed, checkboxes as booleans', () => {
    const draft = {
      name: ' Ann ',
      email: 'ann@example.test ',
      question: ' Help ',
      phone: '+33 6 12 34 56 78',
      custom: { device: 'Laptop', ref: '  ', ignored: 'x' },
    };
    expect(checkDraft(draft, fields, t)).toEqual({});
    expect(requestBody(draft, fields)).toEqual({
      name: 'Ann',
      email: 'ann@example.test',
      question: 'Help',
      fields: { phone: '+33 6 12 34 56 78', device: 'Laptop', urgent: false },
    });
    expect(requestBody(draft, { phone: 'hidden', custom: [] })).toEqual({
      name: 'Ann',
      email: 'ann@example.test',
      question: 'Help',
    });
  });

  it('speaks the portal language and maps server field paths', () => {
    expect(checkDraft(emptyDraft, { phone: 'hidden', custom: [] }, translator('fr')).name).toBe('Obligatoire.');
    expect(problemKey('body.fields.phone')).toBe('phone');
    expect(problemKey('fields.device')).toBe('fields.device');
    expect(translator('fr')('waiting.position', { count: 3, position: '3' })).toBe(
      'Vous êtes en position 3 dans la file.',
    );
    expect(translator('en')('waiting.position', { count: 1, position: '1' })).toBe('You are next in line.');
  });
});
