import http from 'node:http';

/**
 * A pool of at most `sockets` keep-alive connections to one server: requests beyond them wait in
 * the pool (their latency still counts from when they were due), as a browser's or an agent
 * fleet's would wait, instead of the load generator opening sockets without end when the server
 * falls behind.
 */
export function httpPool(sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return {
    request(url: string, options: { method?: string; headers?: Record<string, string> } = {}) {
      return new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}
