/**
 * Which clicks leave the page (issue 15, item 4): the pure part of useUnsavedChangesGuard, so it
 * is unit-tested. A click on a link to another page of this application, without a modifier key
 * (which opens a new tab or window and leaves this one as it is), is a departure the guard holds
 * until the draft is saved or the person chooses to leave.
 */

export type ClickLike = {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
};

export type AnchorLike = {
  href: string;
  target: string;
  hasDownload: boolean;
};

/** The in-app address a click departs to (path, query and hash), or null when the click stays or leaves the app. */
export function departureOf(click: ClickLike, anchor: AnchorLike | null, current: string): string | null {
  if (!anchor || click.defaultPrevented || click.button !== 0) return null;
  if (click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return null;
  if (anchor.hasDownload || (anchor.target !== "" && anchor.target !== "_self")) return null;
  let to: URL;
  let from: URL;
  try {
    from = new URL(current);
    to = new URL(anchor.href, from);
  } catch {
    return null;
  }
  // Another site: the browser's own beforeunload prompt covers it.
  if (to.origin !== from.origin) return null;
  // The same page (a jump to an anchor on it, e.g. the error summary's links): nothing is left.
  if (to.pathname === from.pathname && to.search === from.search) return null;
  return `${to.pathname}${to.search}${to.hash}`;
}
