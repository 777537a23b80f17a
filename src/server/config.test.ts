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
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });
});
