import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Streams CSV lines as a download named `tandem-<name>-<day>.csv`. The first line is read before answering, so a
 * bad filter found while preparing it (an unknown company) is still a JSON error rather than a broken download.
 */
export async function sendCsvDownload(reply: FastifyReply, name: string, lines: AsyncGenerator<string>) {
  const first = await lines.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* lines;
  }
  const day = new Date().toISOString().slice(0, 10);
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="tandem-${name}-${day}.csv"`);
  // a stream is sent as is; the route's schema documents it as a string
  return reply.send(Readable.from(all()) as unknown as string);
}
