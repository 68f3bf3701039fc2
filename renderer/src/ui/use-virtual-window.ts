/**
 * Windowing for long lists of items of different heights (a conversation can hold thousands
 * of messages). Only the items in the viewport plus `overscan` on each side are rendered;
 * the rest is an empty stretch of the right height, so the scrollbar stays truthful.
 *
 * Heights start as an estimate and are replaced by measurements (one ResizeObserver for all
 * rendered items). When an item *above* the viewport changes height — a freshly loaded older
 * page being measured — the scroll position moves by the same amount, so what the reader
 * looks at does not jump.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';

export type ItemKey = string | number;

export interface VirtualWindowOptions {
  keys: readonly ItemKey[];
  scrollRef: RefObject<HTMLElement | null>;
  estimateSize: number;
  /** Items rendered beyond each edge of the viewport. */
  overscan?: number;
  /** Used before the viewport has a measured height (first paint, jsdom). */
  fallbackViewportHeight?: number;
}

export interface VirtualWindow {
  /** First and one-past-last index to render. */
  start: number;
  end: number;
  /** Offset of item `start` from the top of the content. */
  offsetTop: number;
  totalHeight: number;
  /** Ref callback for a rendered item; measures it. */
  measure: (key: ItemKey) => (el: HTMLElement | null) => void;
  scrollToEnd(): void;
  /** Offset of an item from the top of the content, with every measurement so far. */
  offsetOf(index: number): number;
}

/** Largest i with offsets[i] <= y (offsets ascending, offsets[0] = 0). */
export function findIndexAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Which items to render for a scroll position; pure, so it is tested on its own. */
export function computeRange(offsets: Float64Array, count: number, scrollTop: number, viewport: number, overscan: number): { start: number; end: number } {
  if (count === 0) return { start: 0, end: 0 };
  const first = Math.min(findIndexAt(offsets, scrollTop), count - 1);
  const last = Math.min(findIndexAt(offsets, scrollTop + viewport), count - 1);
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

export function useVirtualWindow({ keys, scrollRef, estimateSize, overscan = 8, fallbackViewportHeight = 800 }: VirtualWindowOptions): VirtualWindow {
  const sizes = useRef(new Map<ItemKey, number>());
  const [sizeVersion, setSizeVersion] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);

  const indexOfKey = useMemo(() => new Map(keys.map((k, i) => [k, i])), [keys]);

  const offsets = useMemo(() => {
    const out = new Float64Array(keys.length + 1);
    for (let i = 0; i < keys.length; i++) {
      out[i + 1] = (out[i] ?? 0) + (sizes.current.get(keys[i] as ItemKey) ?? estimateSize);
    }
    // sizeVersion is a dependency because the sizes map is mutated in place.
    void sizeVersion;
    return out;
  }, [keys, estimateSize, sizeVersion]);

  const height = viewport > 0 ? viewport : fallbackViewportHeight;
  const { start, end } = computeRange(offsets, keys.length, scrollTop, height, overscan);

  // Keep the latest values where the observer's callback can read them.
  // firstVisible: items above it are out of sight, so their resizing must not move the view.
  const firstVisible = keys.length === 0 ? 0 : findIndexAt(offsets, scrollTop);
  const live = useRef({ indexOfKey, firstVisible });
  live.current = { indexOfKey, firstVisible };

  // Track scroll position and viewport size (rAF-throttled: one update per frame at most).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setScrollTop(el.scrollTop);
      setViewport(el.clientHeight);
    };
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(onScroll) : null;
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro?.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [scrollRef]);

  // One observer measures every rendered item.
  const elements = useRef(new Map<ItemKey, HTMLElement>());
  const observer = useRef<ResizeObserver | null>(null);
  const pendingShift = useRef(0);

  const record = useCallback((key: ItemKey, el: HTMLElement): boolean => {
    const h = el.offsetHeight;
    // jsdom and detached nodes report 0: keep the estimate rather than collapse the item.
    if (h <= 0) return false;
    const old = sizes.current.get(key) ?? estimateSize;
    if (Math.abs(old - h) < 0.5) return false;
    sizes.current.set(key, h);
    const idx = live.current.indexOfKey.get(key);
    if (idx !== undefined && idx < live.current.firstVisible) pendingShift.current += h - old;
    return true;
  }, [estimateSize]);

  useEffect(() => {
    if (typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        const key = el.dataset.vkey;
        if (key === undefined) continue;
        const realKey = live.current.indexOfKey.has(key) ? key : Number(key);
        if (record(realKey, el)) changed = true;
      }
      if (changed) setSizeVersion((v) => v + 1);
    });
    observer.current = ro;
    for (const el of elements.current.values()) ro.observe(el);
    return () => {
      ro.disconnect();
      observer.current = null;
    };
  }, [record]);

  // Apply the scroll correction for items above the viewport after the new sizes render.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && pendingShift.current !== 0) {
      el.scrollTop += pendingShift.current;
      pendingShift.current = 0;
    }
  }, [sizeVersion, scrollRef]);

  const refCallbacks = useRef(new Map<ItemKey, (el: HTMLElement | null) => void>());
  const measure = useCallback(
    (key: ItemKey) => {
      let cb = refCallbacks.current.get(key);
      if (!cb) {
        cb = (el: HTMLElement | null) => {
          const prev = elements.current.get(key);
          if (prev && prev !== el) observer.current?.unobserve(prev);
          if (el) {
            el.dataset.vkey = String(key);
            elements.current.set(key, el);
            observer.current?.observe(el);
            if (record(key, el)) setSizeVersion((v) => v + 1);
          } else {
            elements.current.delete(key);
            refCallbacks.current.delete(key);
          }
        };
        refCallbacks.current.set(key, cb);
      }
      return cb;
    },
    [record],
  );

  const totalHeight = offsets[keys.length] ?? 0;
  const scrollToEnd = useCallback(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [scrollRef]);

  // Computed from the sizes map itself, not the rendered offsets, so it already counts items
  // measured during this very commit (used to anchor the view when older messages arrive).
  const offsetOf = useCallback(
    (index: number) => {
      let y = 0;
      const stop = Math.max(0, Math.min(index, keys.length));
      for (let i = 0; i < stop; i++) y += sizes.current.get(keys[i] as ItemKey) ?? estimateSize;
      return y;
    },
    [keys, estimateSize],
  );

  return { start, end, offsetTop: offsets[start] ?? 0, totalHeight, measure, scrollToEnd, offsetOf };
}
