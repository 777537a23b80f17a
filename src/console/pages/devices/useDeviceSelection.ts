import { useState } from 'react';
import type { Device } from '../../../shared/contracts/devices.js';
import { limits } from '../../../shared/limits.js';

/** Devices ticked for a move (at most one batch); a new filter starts a new selection. */
export function useDeviceSelection(items: Device[], filtersKey: string) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [selectedFor, setSelectedFor] = useState(filtersKey);
  if (selectedFor !== filtersKey) {
    setSelectedFor(filtersKey);
    setSelected(new Set());
  }
  const allSelected = items.length > 0 && items.every((d) => selected.has(d.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else if (next.size < limits.deviceMoveBatch) next.add(id);
      return next;
    });
  const toggleAll = () =>
    setSelected(allSelected ? new Set() : new Set(items.slice(0, limits.deviceMoveBatch).map((d) => d.id)));
  const clear = () => setSelected(new Set());
  return { selected, allSelected, toggle, toggleAll, clear };
}
