import type { Config } from '../../config.js';

/** The address people use to reach Tandem, for links in e-mails and messages. */
export function publicUrlOf(config: Config): string {
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}
