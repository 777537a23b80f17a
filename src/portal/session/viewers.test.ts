import { describe, expect, it } from 'vitest';
import { viewerChanges, watcherNames, withViewer } from './viewers.js';

const alice = { peerId: 'a1', name: 'Alice' };
const aliceTab = { peerId: 'a2', name: 'Alice' };
const bob = { peerId: 'b1', name: 'Bob' };

describe('session viewers', () => {
  it('opens the peer connections of new viewers and closes those gone when the list comes again', () => {
    expect(viewerChanges([alice, bob], [bob, aliceTab])).toEqual({ added: [aliceTab], removed: [alice] });
    expect(viewerChanges([], [alice])).toEqual({ added: [alice], removed: [] });
    expect(viewerChanges([alice], [alice])).toEqual({ added: [], removed: [] });
  });

  it('adds and removes one viewer by its socket, and names each person once', () => {
    expect(withViewer([alice], bob, true)).toEqual([alice, bob]);
    expect(withViewer([alice, bob], alice, false)).toEqual([bob]);
    expect(withViewer([alice], alice, true)).toEqual([alice]);
    expect(watcherNames([alice, aliceTab, bob])).toEqual(['Alice', 'Bob']);
  });
});
