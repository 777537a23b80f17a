/** The separator of a device path as the agent wrote it (Windows paths use backslashes). */
function separatorOf(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

/** A folder's entry's full path on the device. */
export function joinDevicePath(folder: string, name: string): string {
  if (!folder) return name;
  const sep = separatorOf(folder);
  return folder.endsWith('/') || folder.endsWith('\\') ? `${folder}${name}` : `${folder}${sep}${name}`;
}

/** The folder above (the root stays the root). */
export function parentDevicePath(path: string): string {
  const sep = separatorOf(path);
  const trimmed = path.length > 1 ? path.replace(/[\\/]+$/, '') : path;
  const at = trimmed.lastIndexOf(sep);
  if (at < 0) return trimmed;
  if (at === 0) return sep;
  const parent = trimmed.slice(0, at);
  // C: → C:\
  return /^[A-Za-z]:$/.test(parent) ? `${parent}${sep}` : parent;
}
