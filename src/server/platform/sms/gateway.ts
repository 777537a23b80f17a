import type { Config } from '../../config.js';

export interface SmsGateway {
  /** sends a text message; resolves with the gateway's message id */
  sendSms(to: string, body: string): Promise<string>;
  /** places a call that reads `text` aloud in `language`; resolves with the gateway's call id */
  call(to: string, text: string, language: string): Promise<string>;
}

export class GatewayError extends Error {}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const voices: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };

/**
 * A client of an HTTP gateway speaking Twilio's REST API (Twilio itself, or any compatible
 * provider): `POST {url}/2010-04-01/Accounts/{sid}/Messages.json` for SMS and `…/Calls.json`
 * with inline TwiML for voice, form-encoded, HTTP basic authentication with the account SID and
 * auth token. Any answer but 2xx is an error (retried by the delivery job).
 */
export function createSmsGateway(options: {
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMs?: number;
}): SmsGateway {
  const base = `${options.url.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;

  async function post(resource: 'Messages' | 'Calls', form: Record<string, string>): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${base}/${resource}.json`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new GatewayError(`SMS gateway unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await response.text();
    let body: { sid?: unknown; message?: unknown } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // not JSON: the status says enough
    }
    if (!response.ok)
      throw new GatewayError(
        `SMS gateway answered ${response.status}${typeof body.message === 'string' ? `: ${body.message}` : ''}`,
      );
    return typeof body.sid === 'string' ? body.sid : '';
  }

  return {
    sendSms: (to, body) => post('Messages', { To: to, From: options.from, Body: body }),
    call: (to, text, language) =>
      post('Calls', {
        To: to,
        From: options.from,
        Twiml: `<Response><Say language="${voices[language] ?? 'en-GB'}">${escapeXml(text)}</Say></Response>`,
      }),
  };
}

/** The gateway of the configuration, or null when none is configured (messages stay in the outbox). */
export function smsGatewayOf(config: Config): SmsGateway | null {
  return config.smsGateway ? createSmsGateway(config.smsGateway) : null;
}
