import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { RemoteToAgent } from '../../../../shared/remote/protocol.js';
import { TerminalLink, type TerminalState } from './terminal-link.js';
import type { TerminalSink } from './useRemoteSession.js';

export interface TerminalViewProps {
  send: (message: RemoteToAgent) => boolean;
  setTerminalSink: (sink: TerminalSink | null) => void;
  onState: (state: TerminalState) => void;
  /** F6 in the terminal: the focus leaves it (Tab belongs to the shell) */
  onLeave: () => void;
  label: string;
}

/**
 * xterm.js on a terminal of the device: opened at the size that fits its box, the new size sent
 * whenever the box changes (the window, or the box's height dragged), keystrokes to the device.
 * Loaded only when a terminal is opened.
 */
export default function TerminalView({ send, setTerminalSink, onState, onLeave, label }: TerminalViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef({ send, onState, onLeave });
  useEffect(() => {
    latest.current = { send, onState, onLeave };
  });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const term = new Terminal({
      cursorBlink: true,
      fontSize: 14,
      scrollback: 5000,
      // colours a program picks stay readable on the dark background
      minimumContrastRatio: 4.5,
      theme: { background: '#1a1b1e', foreground: '#f1f3f5' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    term.attachCustomKeyEventHandler((event) => {
      if (event.key !== 'F6') return true;
      if (event.type === 'keydown') latest.current.onLeave();
      return false;
    });
    fit.fit();
    const link = new TerminalLink(
      { write: (data, done) => term.write(data, done) },
      (message) => latest.current.send(message),
      (state) => latest.current.onState(state),
    );
    // the size in cells, for whoever looks at the page (and its tests)
    const showSize = (cols: number, rows: number) => {
      element.dataset.cols = String(cols);
      element.dataset.rows = String(rows);
    };
    setTerminalSink((message) => link.receive(message));
    link.open(term.cols, term.rows);
    showSize(term.cols, term.rows);
    const typed = term.onData((data) => link.input(data));
    const resized = term.onResize(({ cols, rows }) => {
      link.resize(cols, rows);
      showSize(cols, rows);
    });
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0 && element.clientHeight > 0) fit.fit();
    });
    observer.observe(element);
    term.focus();
    return () => {
      observer.disconnect();
      typed.dispose();
      resized.dispose();
      setTerminalSink(null);
      term.dispose();
    };
  }, [setTerminalSink]);

  return (
    <div
      ref={box}
      role="region"
      aria-label={label}
      data-testid="terminal"
      style={{
        height: 360,
        minHeight: 120,
        resize: 'vertical',
        overflow: 'hidden',
        padding: 4,
        background: '#1a1b1e',
        borderRadius: 4,
      }}
    />
  );
}
