import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { colorSchemeCookie } from '../../../shared/console-document.js';
import { credentialOf } from '../auth/index.js';
import { documentParts, documentWithPage, firstPartToSend, type DocumentParts } from './document.js';
import { consoleRenderer } from './renderer.js';

/**
 * How an address of the console is answered: its document (the built index.html). A signed-in
 * person's page comes drawn by the server with the answers it was drawn from (never cached: it
 * holds their data); anything else — signed out, an API token, a page the server does not draw,
 * a render that failed or took too long — gets the plain document, which the browser draws itself.
 *
 * The document leaves in two parts: once the session has answered (the person's language known),
 * everything before the page, so the browser fetches the styles and scripts while the page is
 * drawn; then the page. A render that fails after the first part ends the document as the plain one.
 */
export function consoleDocument(app: FastifyInstance, options: { consoleDir: string; renderEntry: string }) {
  const render = consoleRenderer(app, options.renderEntry);
  return async function sendConsoleDocument(request: FastifyRequest, reply: FastifyReply) {
    const plain = () =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', options.consoleDir, { cacheControl: false });
    if (request.method !== 'GET' || credentialOf(request)?.kind !== 'session') return plain();
    const template = await readFile(path.join(options.consoleDir, 'index.html'), 'utf8').catch(() => null);
    if (!template) return plain();
    const colorScheme = request.cookies[colorSchemeCookie] === 'dark' ? 'dark' : 'light';
    const started: { stream: PassThrough; parts: DocumentParts }[] = [];
    const page = await render(request, (language) => {
      const parts = documentParts(template, language, colorScheme);
      if (!parts || started.length > 0) return;
      const stream = new PassThrough();
      started.push({ stream, parts });
      void reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(stream);
      stream.write(firstPartToSend(parts.head));
    });
    const [body] = started;
    if (body) {
      body.stream.end(body.parts.rest(page));
      return reply;
    }
    const html = page && documentWithPage(template, page, colorScheme);
    if (!html) return plain();
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  };
}
