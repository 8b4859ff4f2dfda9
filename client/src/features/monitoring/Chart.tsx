import { useEffect, useRef, useState } from 'react';

export type Plot = typeof import('./plot');
/** Draws one chart for a container `width` pixels wide. */
export type Draw = (plot: Plot, width: number) => Element;

let loading: Promise<Plot> | null = null;
/**
 * Observable Plot (with the parts of d3 it uses) is a chunk of its own, fetched when the first chart
 * of the monitoring page is drawn: no other route loads it, and the tables and sentences show before it.
 */
export const loadPlot = () => (loading ??= import('./plot'));

/**
 * A chart drawn by Plot into a container React owns but never renders into. It is redrawn at the
 * container's width (no sideways scrolling on a phone). The SVG is an image named by `label` and
 * described by the figure's sentence (`describedBy`); the table beside it carries the figures.
 */
export function Chart({ draw, label, describedBy }: { draw: Draw; label: string; describedBy?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [plot, setPlot] = useState<Plot | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    let live = true;
    // a chunk that fails to load leaves the sentence and the table, which say the same
    loadPlot().then((p) => live && setPlot(p), () => {});
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el || !plot || width < 120) return;
    let svg: Element;
    try {
      svg = draw(plot, width);
    } catch (e) {
      // a figure Plot cannot draw still has its sentence and table; the page stays
      console.error('chart not drawn', e);
      return;
    }
    // Plot names its mark groups ("bar", "rule"); inside an image they are not read, and ARIA forbids a
    // name on a group without a role: the image's name and the sentence say it all
    for (const named of svg.querySelectorAll('[aria-label], [aria-description]')) {
      named.removeAttribute('aria-label');
      named.removeAttribute('aria-description');
    }
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    if (describedBy) svg.setAttribute('aria-describedby', describedBy);
    svg.setAttribute('focusable', 'false');
    el.replaceChildren(svg);
    return () => svg.remove();
  }, [plot, width, draw, label, describedBy]);
  return <div ref={box} className="chart" />;
}
