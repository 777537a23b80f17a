import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { resolveSetting, settingKeys, settingsRegistry, type SettingDefinition } from './settings.js';

/** A random registry entry: a number setting, optionally a security one (higher is stricter). */
const definition = fc
  .record({
    default: fc.integer({ min: 0, max: 100 }),
    overridable: fc.boolean(),
    security: fc.boolean(),
  })
  .map(({ default: d, overridable, security }): SettingDefinition => ({
    key: 'x.y',
    group: 'general',
    schema: z.number(),
    default: d,
    overridable,
    input: { kind: 'number', min: 0, max: 100, unit: 'count' },
    atLeastAsStrict: security ? (a, b) => (a as number) >= (b as number) : undefined,
  }));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const account = maybe(fc.record({ value: maybe(fc.integer({ min: 0, max: 100 })), locked: fc.boolean() }));
const override = maybe(fc.record({ value: fc.integer({ min: 0, max: 100 }) }));

describe('the settings resolver', () => {
  it('resolves default → account → company, and says where the value comes from', () => {
    fc.assert(
      fc.property(definition, account, override, (d, acc, over) => {
        const inherited = acc?.value !== undefined ? acc.value : d.default;
        expect(resolveSetting(d, acc)).toEqual({
          value: inherited,
          source: acc?.value !== undefined ? 'account' : 'default',
        });
        const r = resolveSetting(d, acc, { override: over });
        if (!d.overridable) expect(r).toEqual(resolveSetting(d, acc));
        else if (acc?.locked) expect(r).toEqual({ value: inherited, source: 'locked' });
        else if (over === undefined) expect(r.value).toBe(inherited);
        else if (!d.atLeastAsStrict || over.value >= (inherited as number))
          expect(r).toEqual({ value: over.value, source: 'company' });
        else expect(r.value).toBe(inherited);
      }),
      { numRuns: 2000 },
    );
  });

  it('lets a lock always win over any company value', () => {
    fc.assert(
      fc.property(
        definition,
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        (d, over, accValue) => {
          const r = resolveSetting(d, { value: accValue, locked: true }, { override: { value: over } });
          expect(r.value).toBe(accValue !== undefined ? accValue : d.default);
        },
      ),
    );
  });

  it('never lets a company weaken a security setting', () => {
    fc.assert(
      fc.property(definition, account, override, (d, acc, over) => {
        fc.pre(d.atLeastAsStrict !== undefined);
        const inherited = resolveSetting(d, acc).value as number;
        const effective = resolveSetting(d, acc, { override: over }).value as number;
        expect(effective).toBeGreaterThanOrEqual(inherited);
      }),
      { numRuns: 2000 },
    );
  });

  it('declares every setting of the product once, with a default its own schema accepts', () => {
    expect(new Set(settingKeys).size).toBe(settingsRegistry.length);
    expect(settingKeys).toHaveLength(23);
    for (const d of settingsRegistry)
      if (d.default !== null) expect(d.schema.safeParse(d.default).success, d.key).toBe(true);
    // a company may never override what the product says it may not
    const notOverridable = settingsRegistry.filter((d) => !d.overridable).map((d) => d.key);
    expect(notOverridable.sort()).toEqual([
      'general.companyLabel',
      'notifications.alertGroupSeconds',
      'notifications.alertMessagesPerHour',
      'security.passwordMinLength',
      'security.sessionIdleMinutes',
      'security.ssoOnly',
      'sessions.maxPerTechnician',
    ]);
  });

  it('makes requireTwoFactor stricter only', () => {
    const d = settingsRegistry.find((s) => s.key === 'security.requireTwoFactor')!;
    expect(resolveSetting(d, { value: true, locked: false }, { override: { value: false } }).value).toBe(true);
    expect(resolveSetting(d, { value: false, locked: false }, { override: { value: true } })).toEqual({
      value: true,
      source: 'company',
    });
  });
});
