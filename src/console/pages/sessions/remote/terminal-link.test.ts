import { describe, expect, it } from 'vitest';
import { terminalInputMaxChars, terminalWindowChars, type RemoteToAgent } from '../../../../shared/remote/protocol.js';
import { TerminalLink, type TerminalState } from './terminal-link.js';

function aLink() {
  const sent: RemoteToAgent[] = [];
  const states: TerminalState[] = [];
  const written: string[] = [];
  const pending: Array<() => void> = [];
  const link = new TerminalLink(
    {
      write: (data, done) => {
        written.push(data);
        pending.push(done);
      },
    },
    (m) => (sent.push(m), true),
    (s) => states.push(s),
  );
  return { link, sent, states, written, showAll: () => pending.splice(0).forEach((done) => done()) };
}

describe('TerminalLink', () => {
  it('opens with the size, follows the agent, and sends a size only when it changed', () => {
    const { link, sent, states } = aLink();
    link.open(80, 24);
    link.receive({ t: 'term.opened', mode: 'lines', shell: '/bin/sh' });
    link.resize(80, 24);
    link.resize(100, 30);
    link.receive({ t: 'term.exit', code: 2 });
    expect(sent).toEqual([
      { t: 'term.open', cols: 80, rows: 24 },
      { t: 'term.resize', cols: 100, rows: 30 },
    ]);
    expect(states).toEqual([
      { state: 'opening' },
      { state: 'open', mode: 'lines', shell: '/bin/sh' },
      { state: 'exited', code: 2 },
    ]);
  });

  it('acknowledges output once xterm has shown it, in batches', () => {
    const { link, sent, written, showAll } = aLink();
    link.open(80, 24);
    const piece = 'x'.repeat(8192);
    for (let i = 0; i < 4; i++) link.receive({ t: 'term.output', data: piece });
    expect(written).toHaveLength(4);
    expect(sent.filter((m) => m.t === 'term.ack')).toEqual([]);
    showAll();
    expect(sent.filter((m) => m.t === 'term.ack')).toEqual([{ t: 'term.ack', chars: terminalWindowChars / 8 }]);
  });

  it('sends a long paste in pieces the protocol takes', () => {
    const { link, sent } = aLink();
    link.input('a'.repeat(terminalInputMaxChars * 2 + 5));
    expect(sent.map((m) => (m.t === 'term.input' ? m.data.length : 0))).toEqual([
      terminalInputMaxChars,
      terminalInputMaxChars,
      5,
    ]);
  });
});
