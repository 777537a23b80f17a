/** The technician sockets watching a session, as the customer's page keeps them. */
export interface Viewer {
  peerId: string;
  name: string;
}

/** What to open and close when the server sends the whole list again (each `hello`, after a reconnect). */
export function viewerChanges(current: readonly Viewer[], next: readonly Viewer[]) {
  const had = new Set(current.map((v) => v.peerId));
  const has = new Set(next.map((v) => v.peerId));
  return {
    added: next.filter((v) => !had.has(v.peerId)),
    removed: current.filter((v) => !has.has(v.peerId)),
  };
}

/** One viewer more or less (a `viewer` frame). */
export function withViewer(current: readonly Viewer[], viewer: Viewer, present: boolean): Viewer[] {
  const others = current.filter((v) => v.peerId !== viewer.peerId);
  return present ? [...others, viewer] : others;
}

/** The names for the banner: each person once, in the order they came. */
export function watcherNames(viewers: readonly Viewer[]): string[] {
  return [...new Set(viewers.map((v) => v.name))];
}
