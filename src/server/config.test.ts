import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('takes a variable set to nothing as not set: the default applies, never the current folder', () => {
    const config = loadConfig({ TANDEM_DATA_DIR: '', PORT: '', DATABASE_URL: '' });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.port).toBe(loadConfig({}).port);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('lists every problem in plain words', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/,
    );
  });

  it('names what is trusted behind a proxy: a hop count or proxy addresses, never "everything"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TANDEM_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TANDEM_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TANDEM_TRUST_PROXY: '10.0.0.5, 192.168.0.0/24,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.0.0/24',
      '::1',
    ]);
    expect(() => loadConfig({ TANDEM_TRUST_PROXY: 'true' })).toThrow(/TANDEM_TRUST_PROXY.*number of reverse proxies/);
    expect(() => loadConfig({ TANDEM_TRUST_PROXY: '10.0.0.0/33' })).toThrow(ConfigError);
    expect(() => loadConfig({ TANDEM_TRUST_PROXY: '11' })).toThrow(/at most 10/);
  });

  it('holds the first administrator given by the environment to the rules of every new password', () => {
    const admin = { TANDEM_ADMIN_EMAIL: 'ops@example.test' };
    expect(() => loadConfig({ ...admin, TANDEM_ADMIN_PASSWORD: 'aaaaaaaaaa' })).toThrow(
      /TANDEM_ADMIN_PASSWORD.*too easy to guess/,
    );
    expect(() => loadConfig({ ...admin, TANDEM_ADMIN_PASSWORD: 'short' })).toThrow(/TANDEM_ADMIN_PASSWORD/);
    expect(loadConfig({ ...admin, TANDEM_ADMIN_PASSWORD: 'a long admin password' }).bootstrapAdmin?.password).toBe(
      'a long admin password',
    );
  });
});
