import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();
const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();

describe('the OpenAPI document (/api/openapi.json)', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('names the server it is served by', () => {
    expect(document.servers?.length).toBeGreaterThan(0);
    for (const server of document.servers) expect(typeof server.url).toBe('string');
  });

  it('holds only paths OpenAPI can express, each with its path parameters declared', () => {
    const problems: string[] = [];
    for (const [path, operations] of Object.entries(
      document.paths as Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>,
    )) {
      if (/[*:]/.test(path)) problems.push(`${path}: not an OpenAPI path template`);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, operation] of Object.entries(operations)) {
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort();
        if (JSON.stringify(declared) !== JSON.stringify(templated))
          problems.push(
            `${method.toUpperCase()} ${path}: declares ${declared.join(',') || 'no'} path parameters for ${templated.join(',') || 'none'}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});
