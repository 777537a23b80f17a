import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/** One keyset page as every list of the API answers it. */
export interface KeysetPage<Item> {
  items: Item[];
  nextCursor: string | null;
}

export interface ListPageOptions<Filters, Item> {
  /** Address parameters typed in text boxes: written to the address once typing pauses (300 ms). */
  typed?: readonly string[];
  /** The list's filters, from the address parameters (typed ones at their settled, trimmed value). */
  filters: (param: (name: string) => string) => Filters;
  queryKey: (filters: Filters) => QueryKey;
  /** One page of the list after `cursor` (a feature's `api.ts` function). */
  fetchPage: (filters: Filters, cursor: string | undefined, signal: AbortSignal) => Promise<KeysetPage<Item>>;
  enabled?: boolean;
}

export const typingPauseMs = 300;

/** `value` under `name` in a copy of `params`, or none when empty. */
export function withParam(params: URLSearchParams, name: string, value: string | null | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(name, value);
  else next.delete(name);
  return next;
}

/** A filter form's values as address parameters, empty ones left out. */
export function filterParams<Name extends string>(
  names: readonly Name[],
  values: Readonly<Record<Name, string>>,
): URLSearchParams {
  const next = new URLSearchParams();
  for (const name of names) {
    const value = values[name].trim();
    if (value) next.set(name, value);
  }
  return next;
}

/** A value of the address when it is one of `choices`, else `fallback`. */
export function oneOf<T extends string>(choices: readonly T[], value: string, fallback: T): T;
export function oneOf<T extends string>(choices: readonly T[], value: string): T | undefined;
export function oneOf<T extends string>(choices: readonly T[], value: string, fallback?: T): T | undefined {
  return (choices as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * A list page: filters kept in the address (so a filtered list can be shared and survives a reload),
 * text boxes debounced into it, and the list read in keyset pages with the API's cursor.
 */
export function useListPage<Filters, Item>(options: ListPageOptions<Filters, Item>) {
  const [params, setParams] = useSearchParams();
  const typedNames = options.typed ?? [];
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(typedNames.map((name) => [name, params.get(name) ?? ''])),
  );
  const settledKey = JSON.stringify(Object.entries(texts).map(([name, value]) => [name, value.trim()]));
  const [settled] = useDebouncedValue(settledKey, typingPauseMs);
  // typed text reaches the address once typing pauses
  useEffect(() => {
    setParams(
      (current) => {
        let next = current;
        for (const [name, value] of JSON.parse(settled) as [string, string][]) {
          if ((next.get(name) ?? '') !== value) next = withParam(next, name, value);
        }
        return next;
      },
      { replace: true },
    );
  }, [settled, setParams]);

  const param = (name: string) => params.get(name) ?? '';
  const setParam = (name: string, value: string | null) => setParams(withParam(params, name, value), { replace: true });
  const text = (name: string) => texts[name] ?? '';
  const setText = (name: string, value: string) => setTexts((current) => ({ ...current, [name]: value }));

  const filters = options.filters(param);
  const query = useInfiniteQuery({
    queryKey: options.queryKey(filters),
    queryFn: ({ pageParam, signal }) => options.fetchPage(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled,
  });
  const items: Item[] = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { params, setParams, param, setParam, text, setText, filters, query, items };
}

/** @public what useListPage gives a page */
export type ListPage<Filters, Item> = ReturnType<typeof useListPage<Filters, Item>>;
